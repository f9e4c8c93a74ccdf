/// The JSON-RPC request envelope.
struct RPCRequest: Encodable {
    let jsonrpc = "2.0"
    let id: Int
    let method: String
    let params: [String: UISValue]
}

/// `error.data` of an error answer.
struct RPCErrorData: Decodable {
    var mnemonic: String?
    var field: String?
    var value: UISValue?
    var params: [String: UISValue]?
    var metadata: UISMetadata?

    enum CodingKeys: String, CodingKey { case mnemonic, field, value, params, metadata }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mnemonic = try? c.decodeIfPresent(String.self, forKey: .mnemonic)
        field = try? c.decodeIfPresent(String.self, forKey: .field)
        value = try? c.decodeIfPresent(UISValue.self, forKey: .value)
        params = try? c.decodeIfPresent([String: UISValue].self, forKey: .params)
        metadata = try? c.decodeIfPresent(UISMetadata.self, forKey: .metadata)
    }
}

/// `error` of an error answer.
struct RPCErrorObject: Decodable {
    var code: Int?
    var message: String?
    var data: RPCErrorData?

    enum CodingKeys: String, CodingKey { case code, message, data }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = c.lenientInt(.code)
        message = try? c.decodeIfPresent(String.self, forKey: .message)
        data = try? c.decodeIfPresent(RPCErrorData.self, forKey: .data)
    }
}

/// The first look at an answer: is it an error, and does it have a result?
struct RPCProbe: Decodable {
    var error: RPCErrorObject?
    var hasResult: Bool
    var jsonrpc: String?

    enum CodingKeys: String, CodingKey { case error, result, jsonrpc }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        error = try c.decodeIfPresent(RPCErrorObject.self, forKey: .error)
        hasResult = c.contains(.result)
        jsonrpc = try? c.decodeIfPresent(String.self, forKey: .jsonrpc)
    }
}

/// A successful answer's `result`.
struct RPCSuccess<Result: Decodable>: Decodable {
    var result: Result
}

/// `result` of a `get.*` method: the records decoded, and each as the JSON it was sent as.
struct ListResult<Record: Decodable>: Decodable {
    var data: [Record]
    var raw: [UISValue]
    var metadata: UISMetadata?

    enum CodingKeys: String, CodingKey { case data, metadata }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        data = try c.decode([Record].self, forKey: .data)
        raw = (try? c.decode([UISValue].self, forKey: .data)) ?? []
        metadata = try c.decodeIfPresent(UISMetadata.self, forKey: .metadata)
    }
}

/// `result` of `login.user`.
struct LoginResult: Decodable {
    var data: UISLoginSession
}

/// `result` of a call whose answer is not read (`logout.user`).
struct IgnoredResult: Decodable {
    init(from decoder: any Decoder) throws {}
}
