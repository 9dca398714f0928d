#pragma once
// The compiled-in documents (product and control, merged), loaded once for a unit test binary.

#include <memory>

#include "spec/spec.h"

namespace lsm {

inline const Spec& embeddedSpecForTests() {
  static const std::shared_ptr<const Spec> s = Spec::embedded().value();
  return *s;
}

}  // namespace lsm
