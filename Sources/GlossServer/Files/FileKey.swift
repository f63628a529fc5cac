import GlossCore

/// Where a stored file sits: `/files/<project>/<type>/<name>`. Every part is checked so no path
/// can leave the files directory.
struct FileKey: Sendable, Equatable {
    /// The upload kinds of Ango's getUploadUrl.
    static let types: Set<String> = ["assets", "segmentationModels", "brushes", "medicalBrushes", "exports", "instructions"]

    let project: String
    let type: String
    let name: String

    init(project: String, type: String, name: String) throws {
        guard ObjectID.isValid(project) else { throw DomainError.invalid("project must be a 24-hex project id") }
        guard Self.types.contains(type) else {
            throw DomainError.invalid("type must be one of \(Self.types.sorted().joined(separator: ", "))")
        }
        guard Self.isSafeName(name) else {
            throw DomainError.invalid("name must be 1-200 characters of letters, digits, '.', '_' or '-', not starting with '.'")
        }
        self.project = project.lowercased(); self.type = type; self.name = name
    }

    static func isSafeName(_ name: String) -> Bool {
        guard (1...200).contains(name.utf8.count), !name.hasPrefix(".") else { return false }
        return name.utf8.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 46 || c == 95 || c == 45
        }
    }

    /// The URL path.
    var path: String { "/files/\(project)/\(type)/\(name)" }

    /// Parses a file URL or path back into a key (nil when it is not one of ours).
    static func parse(urlOrPath: String) -> FileKey? {
        var text = urlOrPath
        if let q = text.firstIndex(of: "?") { text = String(text[..<q]) }
        guard let range = text.range(of: "/files/") else { return nil }
        let parts = text[range.upperBound...].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { return nil }
        return try? FileKey(project: parts[0], type: parts[1], name: parts[2])
    }
}
