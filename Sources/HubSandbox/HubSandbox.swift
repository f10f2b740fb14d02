import Hummingbird
import HubCore
