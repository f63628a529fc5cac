import GlossCore
import Testing

/// Parses JSON text for a test; a typo in the test itself fails loudly.
func json(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
    do { return try JSONParser.parse(text) } catch {
        Issue.record("test JSON does not parse: \(error)", sourceLocation: sourceLocation)
        return .null
    }
}

/// Expects `body` to throw `DomainError.invalid` whose message contains every fragment given.
func expectInvalid(_ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected DomainError.invalid containing \(fragments), nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as DomainError {
        guard case .invalid(let message) = error else {
            Issue.record("expected .invalid, got \(error)", sourceLocation: sourceLocation)
            return
        }
        for fragment in fragments {
            #expect(message.contains(fragment), "message \"\(message)\" lacks \"\(fragment)\"", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected DomainError.invalid, got \(error)", sourceLocation: sourceLocation)
    }
}
