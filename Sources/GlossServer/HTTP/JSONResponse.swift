import GlossCore
import Hummingbird
import NIOCore

/// Builds JSON responses from `JSONWriter` output.
enum JSONResponse {
    static func bytes(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `{"status":"success","data":{...}}` where `data` writes the members of the data object.
    static func success(status: HTTPResponse.Status = .ok, capacity: Int = 512, _ data: (inout JSONWriter) -> Void) -> Response {
        var w = JSONWriter(capacity: capacity)
        w.beginObject()
        w.key("status"); w.string("success")
        w.key("data"); w.beginObject()
        data(&w)
        w.endObject()
        w.endObject()
        return bytes(w.bytes, status: status)
    }

    /// `{"status":"success","data":{"message":...}}`.
    static func message(_ text: String) -> Response { success { $0.key("message"); $0.string(text) } }

    /// A 4xx body.
    static func fail(_ status: HTTPResponse.Status, _ message: String) -> Response { envelope("fail", status, message) }
    /// A 5xx body.
    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response { envelope("error", status, message) }

    private static func envelope(_ kind: String, _ status: HTTPResponse.Status, _ message: String) -> Response {
        var w = JSONWriter()
        w.beginObject()
        w.key("status"); w.string(kind)
        w.key("message"); w.string(message)
        // Some SDK paths read error.statusCode (upload_chat_assets); harmless elsewhere.
        w.key("error"); w.beginObject(); w.key("statusCode"); w.int(Int(status.code)); w.endObject()
        w.endObject()
        return bytes(w.bytes, status: status)
    }
}
