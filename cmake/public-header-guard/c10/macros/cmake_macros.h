// On the include path of the public-header check only (cmake/HeaderVisibility.cmake), ahead
// of the system's: every LibTorch header (ATen, c10, torch/) reaches this file, so a public
// core header that includes one, directly or through another header, stops the build here.
// The "In file included from" lines above name it: move its torch-typed part into an
// internal header (core/<module>/internal/) or behind a forward declaration or a pimpl.
#error "a public core header must not include LibTorch: see the header named above"
