/// Gives each record a unique, file-system-safe file stem (YOLO `labels/<stem>.txt`, VOC
/// `Annotations/<stem>.xml`). Keeps only the stems used so far: per-name bookkeeping, no records.
struct ExportFileStems {
    private var used: Set<String> = []
    private var nextSuffix: [String: Int] = [:]

    /// The stem for `externalID`: its last path component without extension, characters outside
    /// `[A-Za-z0-9._-]` replaced by `_`; a repeat gets `_1`, `_2`, ... (skipping stems already taken,
    /// so `a`, `a`, `a_1` become `a`, `a_1`, `a_1_1`). Tools pair labels with images by stem, and
    /// external ids are not unique (spec), so two records must never share a file.
    mutating func next(for externalID: String) -> String {
        let base = Self.sanitizedStem(externalID)
        var stem = base
        if used.contains(stem) {
            var n = nextSuffix[base] ?? 1
            while used.contains("\(base)_\(n)") { n += 1 }
            stem = "\(base)_\(n)"
            nextSuffix[base] = n + 1
        }
        used.insert(stem)
        return stem
    }

    /// The sanitized stem of one external id, before de-duplication.
    static func sanitizedStem(_ externalID: String) -> String {
        // Both separators: external ids come from Windows tools too.
        var name = Substring(externalID)
        if let slash = name.lastIndex(where: { c in c == "/" || c == "\\" }) { name = name[name.index(after: slash)...] }
        // A leading dot is part of the name (".env"), not an extension.
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        let safe = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar -> Unicode.Scalar in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "-": return scalar
            default: return "_"
            }
        }))
        return safe.isEmpty ? "unnamed" : safe
    }
}
