# Writes OUT, a C++ file defining `std::string_view NAME()` that returns the bytes of IN, so the binary carries it.
file(READ ${IN} text)
file(WRITE ${OUT}.tmp "// Generated from ${IN} by cmake/embed_text.cmake: do not edit.\n#include <string_view>\n\nnamespace kenshu::embedded {\n\nstd::string_view ${NAME}() {\n  static constexpr std::string_view text = R\"__kenshu_text__(${text})__kenshu_text__\";\n  return text;\n}\n\n}  // namespace kenshu::embedded\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
