# An evaluation worker image for CUDA nodes: PyTorch's CUDA libtorch plus the .NET runtime and the
# evaluator built without the bundled CPU libtorch. Build from the repository root:
#   docker build -f deploy/evaluator.Dockerfile -t contest-evaluator .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN apt-get update -qq && apt-get install -y -qq g++ \
 && dotnet publish src/Evaluator -c Release -p:BundleLibTorch=false -o /out

FROM pytorch/pytorch:2.11.0-cuda13.0-cudnn9-runtime
# Every job runs in a bubblewrap sandbox; the worker refuses to start without one.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends bubblewrap && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /work --shell /usr/sbin/nologin contest-worker
COPY --from=mcr.microsoft.com/dotnet/runtime:10.0 /usr/share/dotnet /usr/share/dotnet
COPY --from=build /out /app
ENV DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
    CONTEST_LIBTORCH_DIR=/opt/conda/lib/python3.11/site-packages/torch/lib
# A user of its own: even a job that escaped its sandbox would hold no more than this.
USER 10001
ENTRYPOINT ["/usr/share/dotnet/dotnet", "/app/Contest.Evaluator.dll"]
