import Foundation
import GlossServer
import Testing

@Suite("docs/permissions.md")
struct PermissionDocTests {
    @Test("the committed table is the one the code generates (run `swift run gloss permissions > docs/permissions.md`)")
    func upToDate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/permissions.md"), encoding: .utf8)
        #expect(committed == PermissionTable.markdown())
    }
}
