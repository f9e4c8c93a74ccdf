// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ctbulk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ctbulk", targets: ["ctbulk"]),
        .executable(name: "ctbulk-bench", targets: ["ctbulk-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libcsv (Debian libcsv-dev) ships no pkg-config file: a module map with a shim header.
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
        // .xlsx input: expat (Debian libexpat1-dev) parses the workbook's XML parts chunk by chunk (SAX).
        .systemLibrary(name: "CExpat", providers: [.apt(["libexpat1-dev"])]),
        // zlib (Debian zlib1g-dev): the CRC-32 of the .xlsx parts ZIPFoundation inflates (its own CRC is byte at a time).
        .systemLibrary(name: "CTBulkZlib", providers: [.apt(["zlib1g-dev"])]),
        // .xlsx reports: libxlsxwriter (Debian libxlsxwriter-dev) in constant-memory mode.
        .systemLibrary(name: "CXLSXWriter", providers: [.apt(["libxlsxwriter-dev"])]),

        // Job model, readers (CSV through libcsv, .xlsx through ZIPFoundation and expat, JSON), normalisation, validation, reports, plan model, rate limiter.
        .target(
            name: "CTBulkCore",
            dependencies: [
                "CLibCSV", "CExpat", "CXLSXWriter", "CTBulkZlib",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Calltouch phone-service client (AsyncHTTPClient).
        .target(
            name: "CalltouchAPI",
            dependencies: [
                "CTBulkCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // UIS / CoMagic Data API v2.0 client (JSON-RPC 2.0 over AsyncHTTPClient).
        .target(
            name: "UISDataAPI",
            dependencies: [
                "CTBulkCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The embedded fake of both APIs (Hummingbird). Writes its own wire JSON: never imports the clients.
        .target(
            name: "CTBulkSandbox",
            dependencies: [
                "CTBulkCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Planning against live state, the journal (GRDB), apply, reconcile, export.
        .target(
            name: "CTBulkEngine",
            dependencies: [
                "CTBulkCore", "CalltouchAPI", "UISDataAPI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `ctbulk serve`: the web app (Hummingbird; HTML built in Swift with escaping; plain JavaScript and CSS files).
        .target(
            name: "CTBulkWeb",
            dependencies: [
                "CTBulkCore", "CTBulkEngine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Assets")]
        ),
        // What each command does (printing, exit codes); the executable only parses arguments and calls in here.
        .target(
            name: "CTBulkApp",
            dependencies: [
                "CTBulkCore", "CalltouchAPI", "UISDataAPI", "CTBulkSandbox", "CTBulkEngine", "CTBulkWeb",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "ctbulk",
            dependencies: ["CTBulkApp", "CTBulkWeb", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "ctbulk-bench",
            dependencies: ["CTBulkCore", "CTBulkEngine", "CTBulkSandbox", "CalltouchAPI", "CTBulkApp"]
        ),

        // What every test target shares: test clocks, a scripted number service, temporary folders, fixtures' paths.
        .target(
            name: "CTBulkTestSupport",
            dependencies: ["CTBulkCore", "CTBulkSandbox",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log")]
        ),

        .testTarget(name: "CTBulkCoreTests", dependencies: ["CTBulkCore", "CTBulkTestSupport",
            .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "CalltouchAPITests", dependencies: ["CalltouchAPI", "CTBulkSandbox", "CTBulkCore", "CTBulkTestSupport"]),
        .testTarget(name: "UISDataAPITests", dependencies: ["UISDataAPI", "CTBulkSandbox", "CTBulkCore", "CTBulkApp", "CTBulkEngine", "CTBulkTestSupport",
            .product(name: "Hummingbird", package: "hummingbird")], exclude: ["Fixtures"]),
        .testTarget(name: "CTBulkSandboxTests", dependencies: ["CTBulkSandbox", "CTBulkCore", "CTBulkTestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client")]),
        .testTarget(name: "CTBulkEngineTests", dependencies: ["CTBulkEngine", "CTBulkSandbox", "CTBulkCore", "CalltouchAPI", "CTBulkTestSupport"]),
        .testTarget(name: "CTBulkWebTests", dependencies: ["CTBulkWeb", "CTBulkApp", "ctbulk", "CTBulkSandbox", "CTBulkCore",
            "CTBulkEngine", "CalltouchAPI", "CTBulkTestSupport",
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird")],
            exclude: ["Browser"]),
        .testTarget(name: "CTBulkAppTests", dependencies: ["CTBulkApp", "ctbulk", "CTBulkSandbox", "CTBulkCore", "CTBulkEngine", "UISDataAPI", "CTBulkTestSupport"],
                    exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
