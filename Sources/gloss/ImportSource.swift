import Foundation
import GlossCore

/// Reads import items from a cloud-import JSON file, a CSV file or a folder of files.
enum ImportSource {
    static func read(_ path: String, projectID: String, filesRoot: String, baseURL: String) throws -> [AssetInput] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw DomainError.invalid("\(path) does not exist") }
        if isDirectory.boolValue { return try folder(path, projectID: projectID, filesRoot: filesRoot, baseURL: baseURL) }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        if path.lowercased().hasSuffix(".csv") { return try csv(String(decoding: data, as: UTF8.self)) }
        let json = try JSONParser.parse(Array(data))
        let items = json.arrayValue ?? json["assets"]?.arrayValue
        guard let items else { throw DomainError.invalid("\(path): expected a JSON array of assets (or {\"assets\": [...]})") }
        return try items.enumerated().map { try AssetInput.parse($1, index: $0) }
    }

    /// CSV with a header; the `url` (or `data`) column is required, `externalId` optional.
    static func csv(_ text: String) throws -> [AssetInput] {
        let rows = CSV.parse(text)
        guard let header = rows.first else { throw DomainError.invalid("the CSV file is empty") }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let urlColumn = names.firstIndex(where: { ["url", "data"].contains($0.lowercased()) }) else {
            throw DomainError.invalid("the CSV file needs a url column")
        }
        let externalColumn = names.firstIndex(where: { ["externalid", "external_id"].contains($0.lowercased()) })
        return try rows.dropFirst().enumerated().compactMap { index, row in
            if row.allSatisfy({ $0.isEmpty }) { return nil }
            guard urlColumn < row.count, !row[urlColumn].isEmpty else { throw DomainError.invalid("CSV row \(index + 2): url is empty") }
            let ext = externalColumn.flatMap { $0 < row.count && !row[$0].isEmpty ? row[$0] : nil }
            return AssetInput(data: row[urlColumn], externalID: ext)
        }
    }

    /// Copies each file into the data directory's file store; External ID = file name.
    static func folder(_ path: String, projectID: String, filesRoot: String, baseURL: String) throws -> [AssetInput] {
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.sorted()
        let target = "\(filesRoot)/\(projectID)/assets"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        return try names.map { name in
            let ext = (name as NSString).pathExtension
            let stored = ObjectID.randomHex(bytes: 16) + (ext.isEmpty ? "" : "." + ext.filter { $0.isLetter || $0.isNumber })
            try FileManager.default.copyItem(atPath: "\(path)/\(name)", toPath: "\(target)/\(stored)")
            return AssetInput(data: "\(base)/files/\(projectID)/assets/\(stored)", externalID: name)
        }
    }
}

/// A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF).
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var inQuotes = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { inQuotes = false } } else { field.append(c) }
            } else if c == "\"" { inQuotes = true } else if c == "," { row.append(field); field = "" } else if c == "\n" || c == "\r\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else if c != "\r" { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
