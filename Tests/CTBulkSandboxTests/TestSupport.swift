import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Testing

/// A list record as the wire shows it.
struct ListRecord: Decodable, Equatable {
    struct Display: Decodable, Equatable {
        var source: String?
        var medium: String?
        var campaign: String?
        var content: String?
        var keyword: String?
    }
    struct Redirect: Decodable, Equatable {
        struct PTSN: Decodable, Equatable { var redirectNumber: String }
        struct Reserve: Decodable, Equatable {
            var reserveNumber: String
            var reserveTimeOut: Int
            var ignoreEarlyMedia: Bool
        }
        var redirectType: String
        var ptsnOptions: PTSN
        var reserveRedirect: Reserve?
    }
    var phoneNumber: String
    var poolName: String?
    var displayOptions: Display?
    var redirectOptions: Redirect?
}

/// A `call-redirect/list` record.
struct RedirectRecordBody: Decodable, Equatable {
    var redirectId: Int
    var redirectName: String
    var redirectStatus: String
    var phoneNumber: String
    var poolName: String?
}

extension Wire {
    /// `list` of some numbers, decoded.
    static func list(_ sandbox: RunningSandbox, _ numbers: [String]) async throws -> [ListRecord] {
        let body = try JSONSerialization.data(withJSONObject: ["phoneNumbers": numbers])
        let answer = try await call(sandbox, .list, String(decoding: body, as: UTF8.self))
        try #require(answer.status == 200, "list answered \(answer.status): \(answer.text)")
        return try answer.decode([ListRecord].self)
    }
}
