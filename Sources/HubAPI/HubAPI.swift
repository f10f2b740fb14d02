import AsyncHTTPClient
import HubCore
