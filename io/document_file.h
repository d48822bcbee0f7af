#pragma once
// Reading [[document]] tables (io/document_table.h). Internal to io/'s loaders.
#include <vector>

#include "io/toml_fields.h"
#include "model/provenance.h"

namespace targetcast::io::detail {

// Every [[document]] of a file: file, title = { zh, en }, issuer = { zh, en },
// all required; a file declared twice is a problem.
std::vector<model::SourceDocument> read_documents(Fields& root);

}  // namespace targetcast::io::detail
