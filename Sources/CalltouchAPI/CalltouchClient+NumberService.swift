import CTBulkCore

extension CalltouchClient: NumberService {
    /// SiteId and base URL as configured (never the token).
    public var account: AccountIdentity {
        AccountIdentity(siteID: configuration.siteId, baseURL: configuration.baseURL)
    }

    /// ``CalltouchConfiguration/readBatchSize``.
    public var readBatchSize: Int { configuration.readBatchSize }

    public func liveStates(of numbers: [PhoneNumber]) async throws(NumberServiceError) -> [PhoneNumber: LiveNumber] {
        do { return try await readSettings(of: numbers) } catch { throw error.serviceError }
    }

    public func create(_ number: PhoneNumber, settings: NumberSettings) async throws(NumberServiceError) {
        do { try await createSettings(of: number, to: settings) } catch { throw error.serviceError }
    }

    public func update(_ number: PhoneNumber, settings: NumberSettings) async throws(NumberServiceError) {
        do { try await updateSettings(of: number, to: settings) } catch { throw error.serviceError }
    }

    public func free(_ number: PhoneNumber) async throws(NumberServiceError) {
        do { try await deleteSettings(of: number) } catch { throw error.serviceError }
    }
}

extension CalltouchError {
    /// The failure as the engine sees it (the description and the original error kept for rendering).
    public var serviceError: NumberServiceError {
        return NumberServiceError(category, status: status, retryAfter: retryAfter, requestSent: requestSent, body: body,
                                  description: description, underlying: self)
    }
}
