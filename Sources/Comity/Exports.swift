// The library's users see one module: the core's and the renderer's public types come with it.
@_exported import ComityCore
@_exported import ComityRender
