import CTBulkCore

/// A user text in English and Russian. Newer UIS messages are written as these (next to the message table in
/// `UISError+Messages.swift`) rather than as inline language conditions.
public struct UISText: Sendable, Hashable {
    public let en: String
    public let ru: String

    public init(en: String, ru: String) { self.en = en; self.ru = ru }

    /// The text in `language`.
    public func callAsFunction(_ language: Language) -> String {
        switch language {
        case .en: return en
        case .ru: return ru
        }
    }
}

extension UISError {
    /// What a key's user needs for `method` (the documentation's «Компоненты» and method pages): a right for the
    /// number lists, a component for the campaign numbers and the source groups.
    static func accessAdvice(for method: String?) -> UISText {
        switch method {
        case "get.virtual_numbers", "get.available_virtual_numbers":
            return UISText(
                en: "Give the key's user the number_management: select right («Управление номерами: просмотр»).",
                ru: "Дайте пользователю ключа право «Управление номерами: просмотр» (number_management: select).")
        case "get.sources_groups":
            return UISText(
                en: "The method needs the «Data API для настройки» (Data API for configuration) component: enable it "
                    + "under Account → Tariffs and options, and check the rights of the key's user.",
                ru: "Для метода нужен компонент «Data API для настройки»: подключите его в «Аккаунт → Тарифы и опции» "
                    + "и проверьте права пользователя ключа.")
        case "get.campaign_available_phone_numbers":
            return UISText(
                en: "The method needs one of the components call_tracking, consultant, lead or sitephone: enable one "
                    + "under Account → Tariffs and options.",
                ru: "Для метода нужен один из компонентов call_tracking, consultant, lead или sitephone: подключите его "
                    + "в «Аккаунт → Тарифы и опции».")
        default:
            return UISText(
                en: "Give the key's user the right or the component this method needs (docs/uis.md lists them).",
                ru: "Дайте пользователю ключа право или компонент, нужные для этого метода (список — в docs/uis.md).")
        }
    }

    /// `forbidden`: no right for the method.
    var forbiddenText: UISText {
        let advice = Self.accessAdvice(for: method)
        return UISText(en: "Permission denied for this method. " + advice.en,
                       ru: "Нет прав на этот метод. " + advice.ru)
    }

    /// A mnemonic this client does not know, in the parameters group (-32602).
    var otherRequestText: UISText {
        let name = mnemonic ?? "?"
        return UISText(
            en: "The API refused the request with the error \"\(name)\" (invalid parameters). Check --filter, --sort, "
                + "--fields and the other options against docs/uis.md.",
            ru: "API отклонил запрос с ошибкой «\(name)» (неверные параметры). Сверьте --filter, --sort, --fields и "
                + "другие параметры с docs/uis.md.")
    }

    /// A mnemonic this client does not know, in an authentication or access group (-32001, -32003, -32008, -32009).
    var otherAccessText: UISText {
        let name = mnemonic ?? "?"
        let advice = Self.accessAdvice(for: method)
        return UISText(
            en: "The API refused access with the error \"\(name)\". Check the key, its user's rights and components, "
                + "and the account in the cabinet. " + advice.en,
            ru: "API отказал в доступе с ошибкой «\(name)». Проверьте ключ, права и компоненты его пользователя и "
                + "аккаунт в личном кабинете. " + advice.ru)
    }
}

extension UISMetadata.APIVersion {
    /// Whether the answer says the called version is deprecated.
    public var isDeprecated: Bool { currentVersionDeprecated == true }

    /// The one warning printed when the called version is deprecated (it is served for two months only).
    public var deprecationWarning: UISText {
        let current = currentVersion ?? String(UISEndpoint.versionPath.dropFirst(2))
        let latest = latestVersion ?? "?"
        return UISText(
            en: "warning: the UIS Data API says version \(current) is deprecated (latest: \(latest)); a deprecated "
                + "version is served for two months only: update ctbulk.",
            ru: "предупреждение: UIS Data API сообщает, что версия \(current) устарела (последняя: \(latest)); "
                + "устаревшая версия работает только два месяца — обновите ctbulk.")
    }
}
