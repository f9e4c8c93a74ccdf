import CExpat
import Foundation

/// Receives the events of an ``XMLStream``. Element and attribute names are local names (the namespace, when there
/// is one, is dropped): `row`, `c`, `v`, `t`, `id` whatever prefix the file uses. The pointers are valid only
/// during the call.
class XMLEventHandler {
    /// Set by a handler that found the document unusable; it ignores the events after it, and
    /// ``XMLStream/feed(_:isFinal:)`` throws it.
    @exclusivity(unchecked) var failure: WorkbookReadError?

    func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {}
    func end(_ name: UnsafePointer<CChar>) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// The attributes of one start tag, by local name.
struct XMLAttributes {
    let raw: UnsafeMutablePointer<UnsafePointer<CChar>?>?

    /// The value of the attribute whose local name is `name`, as a C string.
    func pointer(_ name: StaticString) -> UnsafePointer<CChar>? {
        guard var cursor = raw else { return nil }
        while let key = cursor.pointee {
            guard let value = cursor.advanced(by: 1).pointee else { return nil }
            if XMLStream.localNameEquals(key, name) { return value }
            cursor = cursor.advanced(by: 2)
        }
        return nil
    }

    /// The value of the attribute whose local name is `name`.
    subscript(_ name: StaticString) -> String? { pointer(name).map { String(cString: $0) } }
}

/// Expat (Debian's libexpat) fed chunk by chunk: a streaming (SAX) parse whose memory does not grow with the
/// document. The only code that touches expat.
final class XMLStream {
    private let parser: XML_Parser
    private let handler: XMLEventHandler
    /// The part being parsed, for error messages (`xl/worksheets/sheet1.xml`).
    let part: String

    /// The separator expat puts between a namespace URI and a local name.
    static let namespaceSeparator = UInt8(ascii: "|")

    init(part: String, handler: XMLEventHandler) {
        self.part = part
        self.handler = handler
        parser = XML_ParserCreateNS(nil, XML_Char(bitPattern: Self.namespaceSeparator))
        XML_SetUserData(parser, Unmanaged.passUnretained(handler).toOpaque())
        XML_SetElementHandler(parser, { context, name, attributes in
            guard let context, let name else { return }
            Unmanaged<XMLEventHandler>.fromOpaque(context).takeUnretainedValue()
                .start(XMLStream.localName(name), XMLAttributes(raw: attributes))
        }, { context, name in
            guard let context, let name else { return }
            Unmanaged<XMLEventHandler>.fromOpaque(context).takeUnretainedValue().end(XMLStream.localName(name))
        })
        XML_SetCharacterDataHandler(parser, { context, text, length in
            guard let context, let text, length > 0 else { return }
            text.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { bytes in
                Unmanaged<XMLEventHandler>.fromOpaque(context).takeUnretainedValue()
                    .text(UnsafeBufferPointer(start: bytes, count: Int(length)))
            }
        })
    }

    deinit { XML_ParserFree(parser) }

    /// Parses the next chunk of the document; `isFinal` on the last one (it may be empty).
    func feed(_ data: Data, isFinal: Bool = false) throws(WorkbookReadError) {
        let status = data.withUnsafeBytes { buffer -> XML_Status in
            let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
            return XML_Parse(parser, base, Int32(buffer.count), isFinal ? 1 : 0)
        }
        if let failure = handler.failure { throw failure }
        if status != XML_STATUS_OK {
            let reason = XML_ErrorString(XML_GetErrorCode(parser)).map { String(cString: $0) } ?? "?"
            throw .damaged(part: part, reason: "XML: \(reason), line \(XML_GetCurrentLineNumber(parser))")
        }
    }

    /// The local part of a name expat reports as `URI|local` (or as is, without a namespace).
    static func localName(_ name: UnsafePointer<CChar>) -> UnsafePointer<CChar> {
        guard let separator = strrchr(name, Int32(namespaceSeparator)) else { return name }
        return UnsafePointer(separator.advanced(by: 1))
    }

    /// Whether a (possibly namespaced) name's local part is `expected`.
    static func localNameEquals(_ name: UnsafePointer<CChar>, _ expected: StaticString) -> Bool {
        let local = localName(name)
        return expected.withUTF8Buffer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                strncmp(local, chars.baseAddress!, chars.count) == 0 && local[chars.count] == 0
            }
        }
    }

    /// Whether a local name (already stripped) is `expected`.
    static func equals(_ local: UnsafePointer<CChar>, _ expected: StaticString) -> Bool {
        expected.withUTF8Buffer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                strncmp(local, chars.baseAddress!, chars.count) == 0 && local[chars.count] == 0
            }
        }
    }
}
