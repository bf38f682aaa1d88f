import BrobyggareCommands
import Foundation

exit(BrobyggareCommandLine.main(CommandLine.arguments))
