import CNcursesw
import HubCore
