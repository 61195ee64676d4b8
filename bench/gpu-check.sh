#!/usr/bin/env bash
# The GPU run in one command: `doctor`, the engine's ratio to a raw forward (`bench eval`) and the
# warm-up suite (`bench attacks`) on a ResNet-18-class model, then ONE summary table.
# Made for a GPU machine with PyTorch (CUDA) but no .NET SDK: give it the kit from
# bench/gpu-pack.sh. It also runs on a CPU with an evaluator built here (see the test
# GpuCheckScriptTests): --evaluator DLL --device cpu --model FILE --test-per-class 4 --limit 4 --profile quick.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: gpu-check.sh [options]
  --kit DIR             a kit from bench/gpu-pack.sh: unpacked into the work folder, its .NET runtime and evaluator used
  --evaluator DLL       an evaluator already built (Contest.Evaluator.dll), instead of --kit
  --dotnet PATH         the dotnet host (default: the kit's, else `dotnet` on PATH)
  --device DEV          cuda (default), cpu or auto
  --libtorch DIR        a libtorch lib folder (default: the evaluator's bundled CPU libtorch if it has
                        one, else torch/lib of python3's PyTorch)
  --model FILE          a TorchScript model with [N,3,224,224] input in [0,1] and [N,2] output (default:
                        a ResNet-18 made with python3 + torch, torchvision's when installed)
  --dataset DIR         a dataset folder (default: generated with `bench dataset`)
  --test-per-class N    test images per class of the generated dataset (default 125)
  --limit N             only the first N test images in `bench attacks` (default 0: all)
  --profile P           standard (default) or quick
  --repeats N           repetitions of `bench eval` (default 3)
  --work DIR            where the model, dataset and logs go (default: a new folder under /tmp)
USAGE
}

kit= evaluator= dotnet_host= device=cuda libtorch= model= dataset= per_class=125 limit=0 profile=standard repeats=3 work=
while [ $# -gt 0 ]; do
    case "$1" in
        --kit) kit=$2 ;;
        --evaluator) evaluator=$2 ;;
        --dotnet) dotnet_host=$2 ;;
        --device) device=$2 ;;
        --libtorch) libtorch=$2 ;;
        --model) model=$2 ;;
        --dataset) dataset=$2 ;;
        --test-per-class) per_class=$2 ;;
        --limit) limit=$2 ;;
        --profile) profile=$2 ;;
        --repeats) repeats=$2 ;;
        --work) work=$2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "error: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
    [ $# -ge 2 ] || { echo "error: $1 needs a value" >&2; exit 2; }
    shift 2
done
case "$profile" in standard|quick) ;; *) echo "error: --profile is standard or quick" >&2; exit 2 ;; esac
[ -n "$work" ] || work=$(mktemp -d /tmp/contest-gpu-check-XXXXXX)
mkdir -p "$work"
work=$(cd "$work" && pwd)

# The .NET runtime and the evaluator: from the kit (unpacked afresh into the work folder), or as given.
if [ -n "$kit" ]; then
    unpacked=$work/kit
    rm -rf "$unpacked" && mkdir -p "$unpacked/dotnet"
    tar -C "$unpacked/dotnet" -xJf "$kit/dotnet-runtime.tar.xz"
    tar -C "$unpacked" -xJf "$kit/evaluator.tar.xz"
    export DOTNET_ROOT=$unpacked/dotnet
    dotnet_host=${dotnet_host:-$DOTNET_ROOT/dotnet}
    evaluator=${evaluator:-$unpacked/evaluator/Contest.Evaluator.dll}
fi
[ -n "$evaluator" ] || { echo "error: give --kit DIR or --evaluator DLL" >&2; exit 2; }
[ -f "$evaluator" ] || { echo "error: no evaluator at $evaluator" >&2; exit 2; }
dotnet_host=${dotnet_host:-dotnet}
# A machine without ICU (the GPU machines) runs .NET culture-invariant.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-1}
export DOTNET_CLI_TELEMETRY_OPTOUT=1

# libtorch: two copies in one process conflict, so an external one only when none is bundled.
if [ -z "$libtorch" ] && ! find "$(dirname "$evaluator")" -name 'libtorch_cpu.so' -print -quit | grep -q .; then
    libtorch=$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))') ||
        { echo "error: the evaluator bundles no libtorch and python3 has no torch; give --libtorch DIR" >&2; exit 2; }
fi
if [ -n "$libtorch" ]; then
    export CONTEST_LIBTORCH_DIR=$libtorch
    export LD_LIBRARY_PATH=$libtorch${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi

evaluate() { "$dotnet_host" "$evaluator" "$@"; }
declare -a rows=()
row() { rows+=("$(printf '%-38s %s' "$1" "$2")"); }
failed=0
# Runs one step, its output shown as it comes and kept in $work/NAME.log; a failure is a row, not the end.
step() {
    local name=$1; shift
    echo "== $name: $*"
    if "$@" 2>&1 | tee "$work/$name.log"; then return 0; fi
    failed=1
    row "$name" "FAILED (see $work/$name.log)"
    return 1
}
field() { sed -n "s/^$2:[[:space:]]*//p" "$work/$1.log" | head -n 1; }

# The model: a ResNet-18 in [bicycle, bird] order, input [N,3,224,224] in [0,1].
model_kind="given"
if [ -z "$model" ]; then
    model=$work/resnet18.pt
    cat >"$work/make_model.py" <<'PY'
import sys, torch, torch.nn as nn

def plain_resnet18(classes):
    # ResNet-18 (He et al. 2016) in plain torch.nn, for machines without torchvision.
    def block(cin, cout, stride):
        down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout)) if stride != 1 or cin != cout else None
        return Basic(cin, cout, stride, down)
    class Basic(nn.Module):
        def __init__(self, cin, cout, stride, down):
            super().__init__()
            self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False); self.bn1 = nn.BatchNorm2d(cout)
            self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False); self.bn2 = nn.BatchNorm2d(cout)
            self.down = down if down is not None else nn.Identity()
        def forward(self, x):
            y = torch.relu(self.bn1(self.conv1(x)))
            return torch.relu(self.bn2(self.conv2(y)) + self.down(x))
    layers = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for cout, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
        layers += [block(cin, cout, stride), block(cout, cout, 1)]
        cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, classes)]
    return nn.Sequential(*layers)

class Defense(nn.Module):
    # Takes [0,1] images, normalizes as ImageNet models expect, returns [bicycle, bird] logits.
    def __init__(self, net):
        super().__init__()
        self.net = net
        self.register_buffer("mean", torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1))
    def forward(self, x):
        return self.net((x - self.mean) / self.std)

torch.manual_seed(0)
try:
    import torchvision
    net, kind = torchvision.models.resnet18(num_classes=2), "torchvision resnet18"
except ImportError:
    net, kind = plain_resnet18(2), "plain torch.nn resnet18"
model = torch.jit.script(Defense(net).eval())
assert model(torch.rand(2, 3, 224, 224)).shape == (2, 2)
model.save(sys.argv[1])
print(kind)
PY
    model_kind=$(python3 "$work/make_model.py" "$model") || { echo "error: python3 could not make the model" >&2; exit 1; }
    echo "model: $model_kind, $model"
fi

if [ -z "$dataset" ]; then
    dataset=$work/dataset
    step dataset evaluate bench dataset --out "$dataset" --test-per-class "$per_class" || exit 1
fi

if step doctor evaluate doctor --device "$device"; then
    row "doctor" "ok: device $(field doctor device), CUDA $(field doctor CUDA), SmallCnn $(field doctor 'forward rate' | cut -d' ' -f1-2)"
    row "libtorch" "$(field doctor libtorch)"
fi
if step eval evaluate bench eval --model "$model" --dataset "$dataset" --device "$device" --repeats "$repeats"; then
    row "build" "$(field eval build)"
    row "threads" "$(field eval libtorch | sed 's/^[^;]*; //')"
    row "model" "$(basename "$model") ($model_kind)"
    row "images" "$(field eval images | cut -d, -f1)"
    row "raw forward" "$(field eval 'raw forward')"
    row "engine (clean suite)" "$(field eval 'clean suite' | cut -d' ' -f1-2)"
    row "engine / raw" "$(field eval 'engine \/ raw')"
fi
if step attacks evaluate bench attacks --model "$model" --dataset "$dataset" --device "$device" --profile "$profile" --limit "$limit"; then
    # The per-attack table: the lines between its header and "whole suite".
    while read -r name rest; do
        case "$rest" in
            skipped:*) row "attack $name" "$rest" ;;
            # images, seconds, forward img/s, share of raw ("98 %"), accuracy at 80% ("50.0 %")
            *) read -r images seconds rate vs _ acc _ <<<"$rest"
               row "attack $name" "$seconds s, $images images, forward $rate img/s ($vs % of raw), acc@80 $acc %" ;;
        esac
    done < <(sed -n '/^attack /,/^whole suite:/p' "$work/attacks.log" | sed '1d;$d')
    suite=$(sed -n 's/^whole suite: \([0-9.]*\) s.*/\1/p' "$work/attacks.log")
    verdict=""
    [ "$profile" = standard ] && verdict=$(awk -v s="$suite" 'BEGIN { print (s <= 300 ? "; target <= 300 s: met" : "; target <= 300 s: MISSED") }')
    row "warm-up suite ($profile)" "$suite s$verdict"
fi

echo
echo "GPU check summary ($(date -u +%Y-%m-%dT%H:%MZ), $(hostname), --device $device; logs in $work)"
printf '%-38s %s\n' "check" "result"
printf '%s\n' "${rows[@]}"
exit "$failed"
