import Foundation
import Hummingbird

extension WebApp {
    /// The page's script and style sheet: plain files committed in the repository (Sources/CTBulkWeb/Assets), no
    /// build step, nothing from outside the machine.
    func addAssetRoutes(_ router: Router<WebContext>) {
        for (name, type) in [("app.js", "text/javascript; charset=utf-8"), ("app.css", "text/css; charset=utf-8")] {
            let data = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Assets")
                .flatMap { try? Data(contentsOf: $0) } ?? Data()
            router.get("/assets/\(name)") { _, _ in
                Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
                         body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
    }
}
