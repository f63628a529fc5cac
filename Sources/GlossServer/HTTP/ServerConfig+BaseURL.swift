import Hummingbird

extension ServerConfig {
    /// The URL clients reach this server at: `publicURL` when set, else the request's Host.
    func baseURL(for request: Request) -> String {
        if let url = publicURL { return url.hasSuffix("/") ? String(url.dropLast()) : url }
        return "http://\(request.head.authority ?? "\(host):\(port)")"
    }
}
