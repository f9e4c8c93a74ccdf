import CTBulkCore
import CTBulkTestSupport
import Foundation
@testable import CalltouchAPI

enum Fixtures {
    static let token = "s3cr3t-T0KEN-value-0123456789"
    static let siteId = "12345"

    static func credentials(token: String = token, siteId: String = siteId) -> CalltouchCredentials {
        try! CalltouchCredentials(accessToken: token, siteId: siteId)
    }

    /// The example of `docs/calltouch-wire.md`.
    static var fullSettings: NumberSettings {
        NumberSettings(
            poolName: "Весна",
            displayOptions: DisplayOptions(source: "yandex", medium: "cpc", campaign: "spring", content: "ad1",
                                           keyword: "окна"),
            redirectOptions: RedirectOptions(
                redirectNumber: phone("74951234567"),
                reserve: ReserveRedirect(reserveNumber: phone("74957654321"), reserveTimeOut: 30,
                                         ignoreEarlyMedia: true)))
    }

    /// Writes a file with the given POSIX permissions.
    static func writeFile(_ text: String, at url: URL, mode: Int) throws {
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    }
}

/// The JSON value of some bytes, for comparisons that ignore key order.
func jsonObject(_ data: Data) throws -> NSObject {
    try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as! NSObject
}
