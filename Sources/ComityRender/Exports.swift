@_exported import ComityCore
