#!/usr/bin/env bash
# Packs what bench/gpu-check.sh needs on a GPU machine that has PyTorch (CUDA) but no .NET and no
# network: the .NET runtime of this machine and the evaluator, published framework-dependent WITHOUT
# the CPU libtorch (the GPU machine's PyTorch brings a CUDA one; two libtorch copies in one process
# conflict). Runs here, where the .NET SDK is.
#
#   bench/gpu-pack.sh [KIT_DIR]      (default: gpu-kit, ignored by git)
#
# KIT_DIR then holds dotnet-runtime.tar.xz, evaluator.tar.xz and bench/gpu-check.sh's copy; carry it
# to the GPU machine and run `bench/gpu-check.sh --kit KIT_DIR` there.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
kit=$(realpath -m "${1:-$repo/gpu-kit}")
dotnet_root=${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}
runtime=$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/*/ | sort -V | tail -n 1)
runtime=${runtime%/}

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
mkdir -p "$kit"

echo "publishing the evaluator (Release, framework-dependent, no bundled libtorch)..."
# Its own artifacts path: the bin/ and obj/ of a normal build (which bundles libtorch) stay untouched.
dotnet publish "$repo/src/Evaluator" -c Release -p:BundleLibTorch=false --nologo -v quiet \
    --artifacts-path "$staging/artifacts" -o "$staging/evaluator"
if find "$staging/evaluator" -name 'libtorch_cpu.so' | grep -q .; then
    echo "error: the published evaluator still bundles libtorch_cpu.so" >&2
    exit 1
fi
# Native libraries for other platforms are dead weight on a linux-x64 GPU machine.
[ ! -d "$staging/evaluator/runtimes" ] || find "$staging/evaluator/runtimes" -mindepth 1 -maxdepth 1 ! -name 'linux-x64' -exec rm -rf {} +

echo "packing the evaluator and the .NET runtime $(basename "$runtime") from $dotnet_root..."
tar -C "$staging" -cJf "$kit/evaluator.tar.xz" evaluator
# Only what `dotnet Contest.Evaluator.dll` needs: the host, hostfxr and Microsoft.NETCore.App.
tar -C "$dotnet_root" -cJf "$kit/dotnet-runtime.tar.xz" dotnet host "shared/Microsoft.NETCore.App/$(basename "$runtime")"
cp "$repo/bench/gpu-check.sh" "$kit/gpu-check.sh"
du -ch "$kit"/*.tar.xz | sed 's/^/  /'
echo "kit ready in $kit: carry it to the GPU machine and run: bash $kit/gpu-check.sh --kit $kit"
