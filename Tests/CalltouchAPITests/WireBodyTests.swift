import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing
@testable import CalltouchAPI

@Suite("Request bodies")
struct WireBodyTests {
    let number = phone("79001112233")

    @Test("update/create body of a full row is exactly the documented shape")
    func fullBodyGolden() throws {
        let data = try CalltouchClient.encodeBody(WireSettingsRequest(number: number, settings: Fixtures.fullSettings))
        let golden = #"{"displayOptions":{"campaign":"spring","content":"ad1","keyword":"окна","medium":"cpc","source":"yandex"},"phoneNumber":"79001112233","poolName":"Весна","redirectOptions":{"ptsnOptions":{"redirectNumber":"74951234567"},"redirectType":"PSTN","reserveRedirect":{"ignoreEarlyMedia":true,"reserveNumber":"74957654321","reserveTimeOut":30}}}"#
        #expect(String(decoding: data, as: UTF8.self) == golden)
    }

    @Test("the full body equals the example of calltouch-wire.md as JSON (types included)")
    func fullBodyMatchesDocumentedExample() throws {
        let documented = #"""
        { "phoneNumber": "79001112233",
          "displayOptions": { "source": "yandex", "medium": "cpc", "campaign": "spring", "content": "ad1", "keyword": "окна" },
          "redirectOptions": { "redirectType": "PSTN", "ptsnOptions": { "redirectNumber": "74951234567" },
                               "reserveRedirect": { "reserveNumber": "74957654321", "reserveTimeOut": 30, "ignoreEarlyMedia": true } },
          "poolName": "Весна" }
        """#
        let ours = try CalltouchClient.encodeBody(WireSettingsRequest(number: number, settings: Fixtures.fullSettings))
        #expect(try jsonObject(ours) == jsonObject(Data(documented.utf8)))
        // Types: reserveTimeOut a number, ignoreEarlyMedia a boolean, not strings.
        let text = String(decoding: ours, as: UTF8.self)
        #expect(text.contains(#""reserveTimeOut":30"#))
        #expect(text.contains(#""ignoreEarlyMedia":true"#))
        #expect(text.contains(#""ptsnOptions""#))
    }

    @Test("unset objects and fields are left out")
    func partialBodies() throws {
        let poolOnly = NumberSettings(poolName: "Лето")
        #expect(try body(poolOnly) == #"{"phoneNumber":"79001112233","poolName":"Лето"}"#)

        let sourceOnly = NumberSettings(displayOptions: DisplayOptions(source: "google"),
                                        redirectOptions: RedirectOptions())
        #expect(try body(sourceOnly) == #"{"displayOptions":{"source":"google"},"phoneNumber":"79001112233"}"#)

        let redirectOnly = NumberSettings(displayOptions: DisplayOptions(),
                                          redirectOptions: RedirectOptions(redirectNumber: phone("74950000001")))
        #expect(try body(redirectOnly)
            == #"{"phoneNumber":"79001112233","redirectOptions":{"ptsnOptions":{"redirectNumber":"74950000001"},"redirectType":"PSTN"}}"#)

        let reserveNoFlag = NumberSettings(redirectOptions: RedirectOptions(
            redirectNumber: phone("74950000001"),
            reserve: ReserveRedirect(reserveNumber: phone("74950000002"), reserveTimeOut: 45)))
        #expect(try body(reserveNoFlag)
            == #"{"phoneNumber":"79001112233","redirectOptions":{"ptsnOptions":{"redirectNumber":"74950000001"},"redirectType":"PSTN","reserveRedirect":{"reserveNumber":"74950000002","reserveTimeOut":45}}}"#)

        let flagFalse = NumberSettings(redirectOptions: RedirectOptions(
            redirectNumber: phone("74950000001"), reserve: ReserveRedirect(ignoreEarlyMedia: false)))
        #expect(try body(flagFalse).contains(#""reserveRedirect":{"ignoreEarlyMedia":false}"#))
    }

    @Test("delete and list bodies")
    func deleteAndList() throws {
        let delete = try CalltouchClient.encodeBody(WirePhoneNumberRequest(phoneNumber: number.digits))
        #expect(String(decoding: delete, as: UTF8.self) == #"{"phoneNumber":"79001112233"}"#)
        let list = try CalltouchClient.encodeBody(WireListRequest(phoneNumbers: ["79001112233", "79001112234"]))
        #expect(String(decoding: list, as: UTF8.self) == #"{"phoneNumbers":["79001112233","79001112234"]}"#)
    }

    @Test("call-redirect/list body follows the documented example; empty filters are left out")
    func redirectListBody() throws {
        let filter = RedirectFilter(
            redirectIds: [123, 345],
            redirectName: RedirectNameFilter(value: "Номер", filterMode: RedirectNameFilter.documentedStartsWith),
            redirectStatus: "active", poolName: "Остальные",
            phoneNumbers: [phone("79001112233"), phone("79005554433")])
        let ours = try CalltouchClient.encodeBody(WireRedirectListRequest(filter, redirectIds: filter.redirectIds))
        let documented = #"""
        { "redirectOptions": { "redirectIds": [123, 345],
                               "redirectName": { "value": "Номер", "filterMode": "star_twith" },
                               "redirectStatus": "active" },
          "poolOptions": { "poolName": { "value": "Остальные" } },
          "phoneNumbers": ["79001112233", "79005554433"] }
        """#
        #expect(try jsonObject(ours) == jsonObject(Data(documented.utf8)))

        let empty = try CalltouchClient.encodeBody(WireRedirectListRequest(RedirectFilter(), redirectIds: nil))
        #expect(String(decoding: empty, as: UTF8.self) == "{}")

        let statusOnly = try CalltouchClient.encodeBody(
            WireRedirectListRequest(RedirectFilter(redirectStatus: "active"), redirectIds: []))
        #expect(String(decoding: statusOnly, as: UTF8.self) == #"{"redirectOptions":{"redirectStatus":"active"}}"#)

        let poolOnly = try CalltouchClient.encodeBody(
            WireRedirectListRequest(RedirectFilter(poolName: "Весна"), redirectIds: nil))
        #expect(String(decoding: poolOnly, as: UTF8.self) == #"{"poolOptions":{"poolName":{"value":"Весна"}}}"#)
    }

    private func body(_ settings: NumberSettings) throws -> String {
        String(decoding: try CalltouchClient.encodeBody(WireSettingsRequest(number: number, settings: settings)),
               as: UTF8.self)
    }
}
