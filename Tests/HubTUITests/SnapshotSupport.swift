import Foundation
import Testing
@testable import HubTUI

/// Golden text snapshots of rendered frames in `__Snapshots__/NAME.txt`.
/// `UPDATE_SNAPSHOTS=1 swift test` rewrites them; otherwise a difference fails the test.
enum Golden {
    static var directory: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__") }
    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" }

    static func check(_ buffer: CellBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = "# \(buffer.width)x\(buffer.height)\n" + buffer.text + "\n"
        let url = directory.appendingPathComponent(name + ".txt")
        if updating || !FileManager.default.fileExists(atPath: url.path) {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? text.write(to: url, atomically: true, encoding: .utf8)
            if !updating { Issue.record("new snapshot \(name) written; check it in", sourceLocation: sourceLocation) }
            return
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        if expected != text {
            let a = expected.components(separatedBy: "\n"), b = text.components(separatedBy: "\n")
            let firstDiff = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
            let line = firstDiff.map { "line \($0.offset + 1):\n- \($0.element.0)\n+ \($0.element.1)" } ?? "length differs"
            Issue.record("snapshot \(name) differs (UPDATE_SNAPSHOTS=1 to accept)\n\(line)", sourceLocation: sourceLocation)
        }
    }
}
