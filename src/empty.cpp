// Placeholder so that a layer with no sources yet still forms a library.
namespace kenshu { [[maybe_unused]] static int empty_layer = 0; }
