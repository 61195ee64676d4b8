// libLibTorchSharp.so (TorchSharp 0.107) was built with GCC 13, whose <iostream> makes every
// translation unit call std::ios_base_library_init() (GLIBCXX_3.4.32). Older libstdc++ (GCC 12)
// lacks it but already initialises the standard streams when it loads, so an empty definition is a
// faithful stand-in. The Evaluator loads this library with RTLD_GLOBAL before TorchSharp.
#include <ios>

namespace std {
void ios_base_library_init() {}
}
