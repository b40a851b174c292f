import ArgumentParser
import Foundation
import KartaPipeline

extension Karta {
    /// Runs karta like ArgumentParser does, except that usage errors exit with karta's status 2
    /// (DESIGN.md) instead of ArgumentParser's 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error).rawValue == 64 {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.invalidUsage.rawValue)
            }
            exit(withError: error)
        }
    }
}
