import CTBulkCore
import CTBulkSandbox
import Testing
import UISDataAPI

@Suite("Errors by mnemonic over real HTTP")
struct ErrorTests {
    @Test("an unknown key is access_token_invalid, and the key never shows in the error")
    func invalidToken() async throws {
        let secret = "wrong-secret-token-12345"
        try await withUIS(credentials: .accessToken(secret)) { client, _ in
            let error = await uisError { _ = try await client.sourcesGroups() }
            #expect(error?.kind == .accessTokenInvalid)
            #expect(error?.code == -32001)
            #expect(error?.isAuthentication == true)
            #expect(error?.value == "[redacted]")  // the fake echoes the key in data.value
            for language in Language.allCases {
                #expect(error?.rendered(language).contains(secret) == false)
            }
            #expect(error.map { "\($0)" }?.contains(secret) == false)
            #expect(UISCredentials.accessToken(secret).description.contains(secret) == false)
        }
    }

    @Test("expired and blocked keys")
    func expiredAndBlocked() async throws {
        let uis = UISSandboxConfiguration()
        try await withUIS(uis, credentials: .accessToken(uis.expiredToken ?? "")) { client, _ in
            #expect(await uisError { _ = try await client.sourcesGroups() }?.kind == .accessTokenExpired)
        }
        try await withUIS(uis, credentials: .accessToken(uis.blockedToken ?? "")) { client, _ in
            let error = await uisError { _ = try await client.sourcesGroups() }
            #expect(error?.kind == .accessTokenBlocked)
            #expect(error?.message(.ru).contains("заблокирован") == true)
        }
    }

    @Test("ip_not_whitelisted tells where to add the address")
    func ipNotWhitelisted() async throws {
        try await withUIS(UISSandboxConfiguration(allowedClientAddresses: ["203.0.113.10"])) { client, _ in
            let error = await uisError { _ = try await client.sourcesGroups() }
            #expect(error?.kind == .ipNotWhitelisted)
            #expect(error?.code == -32003)
            #expect(error?.message(.ru).contains("Администратор → Аккаунт → Правила и настройки безопасности") == true)
            #expect(error?.message(.en).contains("API tab") == true)
        }
    }

    @Test("forbidden, method_not_found, account_inactive, component disabled")
    func otherMnemonics() async throws {
        let uis = UISSandboxConfiguration(
            forbiddenMethods: ["get.available_virtual_numbers"],
            injectedErrors: [UISInjectedError(method: "get.sources_groups", mnemonic: "account_inactive"),
                             UISInjectedError(method: "get.campaign_available_phone_numbers",
                                              mnemonic: "method_component_disabled")])
        try await withUIS(uis) { client, _ in
            let forbidden = await uisError { _ = try await client.availableVirtualNumbers() }
            #expect(forbidden?.kind == .forbidden)
            #expect(forbidden?.isAuthentication == true)
            let missing = await uisError { let _: UISValue = try await client.call("get.virtual_numbers_2") }
            #expect(missing?.kind == .methodNotFound)
            #expect(missing?.code == -32601)
            #expect(missing?.method == "get.virtual_numbers_2")
            let inactive = await uisError { _ = try await client.sourcesGroups() }
            #expect(inactive?.kind == .accountInactive)
            #expect(inactive?.code == -32009)
            let component = await uisError { _ = try await client.campaignAvailablePhoneNumbers() }
            #expect(component?.kind == .componentDisabled)
            #expect(component?.mnemonic == "method_component_disabled")
            // Injected errors are used up: the same calls succeed now.
            let again = try await client.sourcesGroups()
            #expect(!again.records.isEmpty)
        }
    }

    @Test("internal_error is retried with back-off; when it persists the call fails with it")
    func internalError() async throws {
        let once = UISSandboxConfiguration(injectedErrors: [UISInjectedError(mnemonic: "internal_error", count: 2)])
        try await withUIS(once) { client, _ in
            let groups = try await client.sourcesGroups()
            #expect(!groups.records.isEmpty)
            #expect(client.statistics.transientRetries == 2)
        }
        let always = UISSandboxConfiguration(injectedErrors: [UISInjectedError(mnemonic: "internal_error", count: 99)])
        try await withUIS(always) { client, _ in
            let error = await uisError { _ = try await client.sourcesGroups() }
            #expect(error?.kind == .internalError)
            #expect(error?.code == -32603)
            #expect(client.statistics.requests == 3)  // maxAttempts of the test configuration
        }
    }

    @Test("mnemonic mapping covers the documented names and falls back on the code group")
    func kindMapping() {
        #expect(UISError.Kind(mnemonic: "batch_opreations_not_supported", code: -32099) == .unsupportedFeature)
        #expect(UISError.Kind(mnemonic: "parameter_component_disabled", code: -32008) == .componentDisabled)
        #expect(UISError.Kind(mnemonic: "required_parameter_missed", code: -32602) == .requiredParameterMissed)
        #expect(UISError.Kind(mnemonic: "something_new", code: -32001) == .otherAccessError)
        #expect(UISError.Kind(mnemonic: "something_new", code: -32003) == .otherAccessError)
        #expect(UISError.Kind(mnemonic: "something_new", code: -32008) == .otherAccessError)
        #expect(UISError.Kind(mnemonic: "something_new", code: -32009) == .otherAccessError)
        #expect(UISError.Kind(mnemonic: "tariff_restrictions", code: -32602) == .otherRequestError)
        #expect(UISError.Kind(mnemonic: "error", code: -32602) == .otherRequestError)
        #expect(UISError.Kind(mnemonic: "virtual_phone_number_not_found", code: -32007) == .otherAPIError)
        #expect(UISError.Kind(mnemonic: "api_access_error", code: -32602) == .otherRequestError)  // group kinds never match by name
        #expect(UISError.Kind(mnemonic: nil, code: -32001) == .authError)
        #expect(UISError.Kind(mnemonic: "something_new", code: -32029) == .limitExceeded)
        #expect(UISError.Kind(mnemonic: "something_new", code: 12) == .otherAPIError)
        #expect(UISError.Kind(mnemonic: "result_too_deep", code: -32602) == .otherRequestError)  // local kinds never map
        for kind in UISError.Kind.allCases {
            let error = UISError(kind, field: "f", value: "v")
            #expect(!error.message(.en).isEmpty && !error.message(.ru).isEmpty)
            #expect(error.message(.en) != error.message(.ru), "\(kind)")
        }
    }
}

@Suite struct UISCatalogueTests {
    /// Every kind of UIS failure and every `--filter` mistake has its text in the catalogue, in both languages.
    @Test func everyKindHasItsMessage() {
        for kind in UISError.Kind.allCases {
            let error = UISError(kind)
            #expect(Catalogue.contains(error.text.key), "no \(error.text.key)")
            #expect(!error.message(.ru).isEmpty && error.message(.ru) != error.message(.en))
        }
    }
}
