import Foundation
import GlossCore
import Testing

@Suite("ID generators")
struct IDGeneratorTests {
    static func isLowerHex24(_ id: String) -> Bool {
        id.utf8.count == 24 && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    @Test("ObjectIDGenerator makes 24 lower-case hex ids, unique over 10,000")
    func formatAndUniqueness() {
        let generator = ObjectIDGenerator()
        let ids = (0..<10_000).map { _ in generator.next() }
        #expect(ids.allSatisfy(Self.isLowerHex24))
        #expect(Set(ids).count == ids.count)
    }

    @Test("the first 4 bytes are the creation second, so prefixes never go backwards")
    func timeOrderedPrefix() throws {
        let before = UInt32(Date().timeIntervalSince1970)
        let generator = ObjectIDGenerator()
        let ids = (0..<2_000).map { _ in generator.next() }
        let after = UInt32(Date().timeIntervalSince1970)
        let seconds = ids.compactMap { UInt32($0.prefix(8), radix: 16) }
        #expect(seconds.count == ids.count)
        #expect(seconds.allSatisfy { (before...after).contains($0) })
        #expect(seconds == seconds.sorted())
    }

    @Test("one generator keeps its process bytes; two generators differ there")
    func processBytes() {
        let a = ObjectIDGenerator(), b = ObjectIDGenerator()
        let a1 = a.next(), a2 = a.next(), b1 = b.next()
        let middle = { (id: String) in id.dropFirst(8).prefix(10) }
        #expect(middle(a1) == middle(a2))
        #expect(middle(a1) != middle(b1))
    }

    @Test("the last 3 bytes count up by one per id")
    func counterSuffix() throws {
        let generator = ObjectIDGenerator()
        let counters = try (0..<300).map { _ in try #require(UInt32(generator.next().suffix(6), radix: 16)) }
        for (a, b) in zip(counters, counters.dropFirst()) { #expect(b == (a + 1) & 0xFFFFFF) }
    }

    @Test("a block's ids follow each other while the generator makes others in between, go on as ordinary ids past its size, and never repeat one")
    func blocks() throws {
        let generator = ObjectIDGenerator()
        let block = generator.block(1_000)
        var inBlock: [String] = [], others: [String] = []
        for _ in 0..<1_200 {
            inBlock.append(block.next())
            others.append(generator.next())
        }
        let counters = try inBlock.prefix(1_000).map { try #require(UInt32($0.suffix(6), radix: 16)) }
        for (a, b) in zip(counters, counters.dropFirst()) { #expect(b == (a + 1) & 0xFFFFFF) }
        #expect(Set(inBlock.prefix(1_000).map { $0.prefix(18) }).count == 1, "one second and process for the whole block")
        #expect(Set(inBlock + others).count == inBlock.count + others.count)
        #expect((inBlock + others).allSatisfy(Self.isLowerHex24))
        // Past its 1,000 ids the block hands out the generator's own, after the ones made meanwhile.
        let counter = { (id: String) in UInt32(id.suffix(6), radix: 16) ?? 0 }
        #expect((counter(inBlock[1_000]) &- counter(others[999])) & 0xFFFFFF == 1, "the counter wraps at 2^24")
    }

    @Test("SequentialIDGenerator counts up in zero-padded hex")
    func sequential() {
        let generator = SequentialIDGenerator()
        let ids = (0..<17).map { _ in generator.next() }
        #expect(ids[0] == "000000000000000000000001")
        #expect(ids[9] == "00000000000000000000000a")
        #expect(ids[15] == "000000000000000000000010")
        #expect(ids.allSatisfy(Self.isLowerHex24))
        #expect(ids == ids.sorted())
    }

    @Test("ObjectID.isValid accepts 24 hex digits of either case only")
    func validity() {
        #expect(ObjectID.isValid("0123456789abcdefABCDEF01"))
        #expect(!ObjectID.isValid("0123456789abcdef0123456"))
        #expect(!ObjectID.isValid("0123456789abcdef012345678"))
        #expect(!ObjectID.isValid("0123456789abcdef0123456g"))
        #expect(ObjectID.randomHex(bytes: 20).count == 40)
    }
}

@Suite("EmailAddress.validated")
struct EmailAddressTests {
    @Test("valid addresses come back trimmed and lower-cased")
    func valid() throws {
        #expect(try EmailAddress.validated("  Admin@Gloss.Test ") == "admin@gloss.test")
        #expect(try EmailAddress.validated("first.last+tag@sub.example.org") == "first.last+tag@sub.example.org")
    }

    @Test("malformed addresses are refused, naming the field", arguments: [
        "no-at-sign", "a@b", "@example.com", "a@.example.com", "a@example.", "a b@example.com", "a@b@example.com",
        "a,b@example.com", "<a@example.com>", "", String(repeating: "a", count: 250) + "@x.com",
    ])
    func invalid(text: String) {
        expectInvalid("assignees[2] is not a valid email address") { _ = try EmailAddress.validated(text, field: "assignees[2]") }
    }
}
