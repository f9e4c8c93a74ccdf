/// The version `ctbulk --version` prints.
public enum CTBulkVersion {
    public static let current = "0.1.0-dev"
}
