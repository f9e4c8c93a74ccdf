import CExpat
import Foundation

/// Receives the events of an ``XMLStream``. Element and attribute names are local names (the prefix, when there
/// is one, is dropped): `row`, `c`, `v`, `t`, `id` whatever prefix the file uses. The pointers are valid only
/// during the call.
class XMLEventHandler {
    /// Set by a handler that found the document unusable; it ignores the events after it, and
    /// ``XMLStream/feed(_:isFinal:)`` throws it.
    @exclusivity(unchecked) var failure: WorkbookReadError?
    /// Elements open (kept by ``XMLStream``): a stretch of a cut part must end as deep as it began.
    @exclusivity(unchecked) final var depth = 0

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
            if !XMLStream.isNamespaceDeclaration(key) && XMLStream.localNameEquals(key, name) { return value }
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

    /// What separates a prefix from the local name (`x:row`). Expat runs without namespace processing: ctbulk reads
    /// elements and attributes by local name whatever their namespace, and building `URI|local` for every name was
    /// 5 % of expat's work on a sheet.
    static let namespaceSeparator = UInt8(ascii: ":")

    init(part: String, handler: XMLEventHandler) {
        self.part = part
        self.handler = handler
        parser = XML_ParserCreate(nil)
        XML_SetUserData(parser, Unmanaged.passUnretained(handler).toOpaque())
        // The handler outlives the parser (the stream holds it), so the callbacks borrow it without retaining it.
        XML_SetElementHandler(parser, { context, name, attributes in
            guard let context, let name else { return }
            Unmanaged<XMLEventHandler>.fromOpaque(context)._withUnsafeGuaranteedRef {
                $0.depth += 1
                $0.start(XMLStream.localName(name), XMLAttributes(raw: attributes))
            }
        }, { context, name in
            guard let context, let name else { return }
            Unmanaged<XMLEventHandler>.fromOpaque(context)._withUnsafeGuaranteedRef {
                $0.depth -= 1
                $0.end(XMLStream.localName(name))
            }
        })
        XML_SetCharacterDataHandler(parser, { context, text, length in
            guard let context, let text, length > 0 else { return }
            text.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { bytes in
                Unmanaged<XMLEventHandler>.fromOpaque(context)._withUnsafeGuaranteedRef {
                    $0.text(UnsafeBufferPointer(start: bytes, count: Int(length)))
                }
            }
        })
    }

    deinit { XML_ParserFree(parser) }

    /// Parses the next chunk of the document; `isFinal` on the last one (it may be empty).
    func feed(_ data: Data, isFinal: Bool = false) throws(WorkbookReadError) {
        try data.withUnsafeBytes { buffer in
            Result { () throws(WorkbookReadError) in try feed(buffer, isFinal: isFinal) }
        }.get()
    }

    /// Parses the next chunk of the document from memory; `isFinal` on the last one (it may be empty).
    func feed(_ buffer: UnsafeRawBufferPointer, isFinal: Bool = false) throws(WorkbookReadError) {
        var offset = 0
        repeat {  // expat takes an Int32 length
            let count = min(buffer.count - offset, Int(Int32.max))
            let last = isFinal && offset + count == buffer.count
            let base = buffer.baseAddress.map { $0.advanced(by: offset).assumingMemoryBound(to: CChar.self) }
            try parse(base, count: count, isFinal: last)
            offset += count
        } while offset < buffer.count
    }

    private func parse(_ base: UnsafePointer<CChar>?, count: Int, isFinal: Bool) throws(WorkbookReadError) {
        let status = XML_Parse(parser, base, Int32(count), isFinal ? 1 : 0)
        if let failure = handler.failure { throw failure }
        if status != XML_STATUS_OK {
            let reason = XML_ErrorString(XML_GetErrorCode(parser)).map { String(cString: $0) } ?? "?"
            throw .damaged(part: part, reason: "XML: \(reason), line \(XML_GetCurrentLineNumber(parser))")
        }
    }

    /// The local part of a name (`row` of `x:row`; a name without a prefix as is).
    @inline(__always) static func localName(_ name: UnsafePointer<CChar>) -> UnsafePointer<CChar> {
        // Names are a few bytes (`c`, `v`, `row`): a loop beats a call to strrchr.
        var local = name
        var cursor = name
        while cursor.pointee != 0 {
            if cursor.pointee == CChar(bitPattern: namespaceSeparator) { local = cursor + 1 }
            cursor += 1
        }
        return local
    }

    /// `xmlns` or `xmlns:x`: a namespace declaration, which expat without namespace processing reports as an
    /// attribute (`xmlns:r` is not the attribute `r`).
    @inline(__always) static func isNamespaceDeclaration(_ key: UnsafePointer<CChar>) -> Bool {
        key[0] == 0x78 && key[1] == 0x6D && key[2] == 0x6C && key[3] == 0x6E && key[4] == 0x73 && (key[5] == 0 || key[5] == 0x3A)
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
