extension JSONValue {
    /// The value, or nil when it is JSON `null`: answers treat a `null` member like a missing one.
    /// (A closure `{ $0.isNull ? nil : $0 }` would not do: `nil` there becomes `JSONValue.null`,
    /// since `JSONValue` is `ExpressibleByNilLiteral`.)
    var present: JSONValue? {
        if case .null = self { return nil }
        return self
    }
}
