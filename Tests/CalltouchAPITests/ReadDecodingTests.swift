import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing
@testable import CalltouchAPI

@Suite("Decoding read answers")
struct ReadDecodingTests {
    func records(_ json: String) throws -> [(PhoneNumber, LiveNumber)] {
        try JSONDecoder().decode([WireNumberRecord].self, from: Data(json.utf8)).map { try $0.model() }
    }

    @Test("a used and a free number, as in calltouch-wire.md")
    func usedAndFree() throws {
        let json = #"""
        [ { "phoneNumber": "79001112233", "poolName": "Весна",
            "displayOptions": { "source": "yandex", "medium": "cpc", "campaign": "spring", "content": "ad1", "keyword": "окна" },
            "redirectOptions": { "redirectType": "PSTN", "ptsnOptions": { "redirectNumber": "74951234567" },
                                 "reserveRedirect": { "reserveNumber": "74957654321", "reserveTimeOut": 30, "ignoreEarlyMedia": true } } },
          { "phoneNumber": "79001112234", "poolName": null, "displayOptions": null, "redirectOptions": null } ]
        """#
        let decoded = try records(json)
        #expect(decoded.count == 2)
        #expect(decoded[0].0 == phone("79001112233"))
        #expect(decoded[0].1 == .used(Fixtures.fullSettings))
        #expect(decoded[1].0 == phone("79001112234"))
        #expect(decoded[1].1 == .free)
    }

    @Test("tolerant: extra fields, reserveTimeOut and ignoreEarlyMedia as strings, blanks, null reserve")
    func tolerant() throws {
        let json = #"""
        [ { "phoneNumber": "79001112233", "poolName": "", "extra": {"nested": [1, 2]}, "createdAt": 17,
            "displayOptions": { "source": "yandex", "medium": "", "campaign": null, "unknownField": true },
            "redirectOptions": { "redirectType": "PSTN", "ptsnOptions": { "redirectNumber": "74951234567", "x": 1 },
                                 "reserveRedirect": { "reserveNumber": "74957654321", "reserveTimeOut": "45",
                                                      "ignoreEarlyMedia": "false" } } },
          { "phoneNumber": "79001112235", "displayOptions": { "source": "google" },
            "redirectOptions": { "ptsnOptions": { "redirectNumber": "74951234567" }, "reserveRedirect": null } },
          { "phoneNumber": "79001112236" } ]
        """#
        let decoded = try records(json)
        let expectedFirst = NumberSettings(
            poolName: nil, displayOptions: DisplayOptions(source: "yandex"),
            redirectOptions: RedirectOptions(
                redirectNumber: phone("74951234567"),
                reserve: ReserveRedirect(reserveNumber: phone("74957654321"), reserveTimeOut: 45,
                                         ignoreEarlyMedia: false)))
        #expect(decoded[0].1 == .used(expectedFirst))
        #expect(decoded[1].1 == .used(NumberSettings(
            displayOptions: DisplayOptions(source: "google"),
            redirectOptions: RedirectOptions(redirectNumber: phone("74951234567")))))
        #expect(decoded[2].1 == .free, "an absent displayOptions is read like null")
    }

    @Test("reserveTimeOut as a JSON number with a zero fraction is accepted; garbage is not",
          arguments: [(#""30""#, 30), ("30", 30), ("30.0", 30), (#"" 60 ""#, 60)])
    func reserveTimeOutForms(raw: String, expected: Int) throws {
        let json = #"[{"phoneNumber":"79001112233","displayOptions":{"source":"s"},"redirectOptions":{"reserveRedirect":{"reserveTimeOut":\#(raw)}}}]"#
        let decoded = try records(json)
        #expect(decoded[0].1.settings?.redirectOptions?.reserve?.reserveTimeOut == expected)
    }

    @Test("malformed answers are errors", arguments: [
        #"{"phoneNumber":"79001112233"}"#,                           // not an array
        #"[{"poolName":"x"}]"#,                                      // no phoneNumber
        #"[{"phoneNumber":"79001112233","displayOptions":{"source":"s"},"redirectOptions":{"reserveRedirect":{"reserveTimeOut":"soon"}}}]"#,
        #"[{"phoneNumber":"79001112233","displayOptions":"yes"}]"#,
        #"[{"phoneNumber":"79001112233","displayOptions":{"source":"s"#,  // truncated
        "",
    ])
    func malformed(json: String) {
        #expect(throws: (any Error).self) { try records(json) }
    }

    @Test("a phone number that is not 7xxxxxxxxxx is a mapping error")
    func badNumber() {
        #expect(throws: WireMappingError.self) { try records(#"[{"phoneNumber":"12345","displayOptions":null}]"#) }
        #expect(throws: WireMappingError.self) {
            try records(#"[{"phoneNumber":"79001112233","displayOptions":{"source":"s"},"redirectOptions":{"ptsnOptions":{"redirectNumber":"abc"}}}]"#)
        }
    }

    @Test("redirect records: typed, tolerant of extra fields, id as number or string")
    func redirectRecords() throws {
        let json = #"""
        [ { "redirectId": 101, "redirectName": "Переадресация на 74951234567", "redirectStatus": "active",
            "phoneNumber": "79001112233", "poolName": "Весна", "createdBy": "x" },
          { "redirectId": "102", "phoneNumber": "79001112234", "poolName": null } ]
        """#
        let records = try JSONDecoder().decode([WireRedirectRecord].self, from: Data(json.utf8)).map { try $0.model() }
        #expect(records == [
            RedirectRecord(redirectId: 101, redirectName: "Переадресация на 74951234567", redirectStatus: "active",
                           phoneNumber: phone("79001112233"), poolName: "Весна"),
            RedirectRecord(redirectId: 102, phoneNumber: phone("79001112234")),
        ])
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode([WireRedirectRecord].self, from: Data(#"[{"phoneNumber":"79001112233"}]"#.utf8))
        }
    }
}
