using System.Diagnostics;
using Contest.Core.Models;
using Contest.Tests.Shared;
using static Contest.Core.Tests.Models.ProtoBytes;

namespace Contest.Core.Tests.Models;

public class OnnxInspectionTests
{
    // onnx.proto field numbers used here.
    private const int ModelGraph = 7;
    private const int ModelFunctions = 25;
    private const int GraphNode = 1;
    private const int GraphInitializer = 5;
    private const int GraphSparseInitializer = 15;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;
    private const int AttributeName = 1;
    private const int AttributeTensor = 5;
    private const int AttributeGraph = 6;
    private const int AttributeGraphs = 11;
    private const int TensorName = 8;
    private const int TensorExternalData = 13;
    private const int TensorDataLocation = 14;
    private const int FunctionName = 1;
    private const int FunctionNode = 7;

    private static readonly byte[] Model = File.ReadAllBytes(TestPaths.GoodDefense("tiny_cnn.onnx"));

    private static ModelInspectionResult Inspect(byte[] bytes) => ModelCodeInspection.Inspect(new MemoryStream(bytes), ModelFileFormat.Onnx);

    private static byte[] ExternalTensor(string name) =>
        [.. String(TensorName, name), .. Number(TensorDataLocation, 1), .. Location("weights.bin")];

    private static byte[] Location(string file) => Message(TensorExternalData, String(1, "location"), String(2, file));

    private static byte[] WithGraphPart(byte[] part) => EditFirst(Model, ModelGraph, graph => [.. graph, .. part]);

    [Fact]
    public void Inspect_OnnxFixture_IsFine()
    {
        var result = ModelCodeInspection.Inspect(TestPaths.GoodDefense("tiny_cnn.onnx"), ModelFileFormat.Onnx);

        Assert.False(result.Refused, result.Reason);
    }

    [Fact]
    public void Inspect_InitializerWithExternalDataLocation_RefusedNamingTensorAndFile()
    {
        var edited = EditFirst(Model, ModelGraph, graph => EditFirst(graph, GraphInitializer, tensor => [.. tensor, .. Number(TensorDataLocation, 1), .. Location("weights.bin")]));

        var result = Inspect(edited);

        Assert.True(result.Refused);
        Assert.Contains("tensor `f.0.weight` (an initializer of the main graph), in `weights.bin`", result.Reason);
        Assert.Contains("Re-export with the weights inside the file", result.Reason);
    }

    [Fact]
    public void Inspect_ExternalDataEntriesWithoutDataLocation_Refused()
    {
        var edited = EditFirst(Model, ModelGraph, graph => EditFirst(graph, GraphInitializer, tensor => [.. tensor, .. Location("/etc/passwd")]));

        Assert.Contains("in `/etc/passwd`", Inspect(edited).Reason);
    }

    [Fact]
    public void Inspect_DataLocationAloneSetToExternal_Refused()
    {
        var edited = EditFirst(Model, ModelGraph, graph => EditFirst(graph, GraphInitializer, tensor => [.. tensor, .. Number(TensorDataLocation, 1)]));

        Assert.Contains("tensor `f.0.weight`", Inspect(edited).Reason);
    }

    [Fact]
    public void Inspect_SparseInitializerWithExternalValues_Refused()
    {
        var result = Inspect(WithGraphPart(Message(GraphSparseInitializer, Message(1, ExternalTensor("sparse.values")))));

        Assert.Contains("tensor `sparse.values` (the values of a sparse initializer of the main graph)", result.Reason);
    }

    [Fact]
    public void Inspect_ConstantNodeAttributeWithExternalTensor_RefusedNamingTheNode()
    {
        var node = Message(GraphNode, String(NodeName, "leak"), String(NodeOpType, "Constant"),
            Message(NodeAttribute, String(AttributeName, "value"), Message(AttributeTensor, ExternalTensor("c"))));

        var result = Inspect(WithGraphPart(node));

        Assert.Contains("tensor `c` (attribute `value` of node `leak` (Constant) in the main graph)", result.Reason);
    }

    [Fact]
    public void Inspect_NamesWithTerminalEscapes_ReasonHasNoControlCharacters()
    {
        var node = Message(GraphNode, String(NodeName, "\u001b[2Jwiped"), String(NodeOpType, "Constant"),
            Message(NodeAttribute, String(AttributeName, "value"), Message(AttributeTensor, ExternalTensor("c\u0007"))));

        var reason = Inspect(WithGraphPart(node)).Reason!;

        Assert.Contains("tensor `c?` (attribute `value` of node `?[2Jwiped` (Constant)", reason);
        Assert.DoesNotContain(reason, char.IsControl);
    }

    [Theory]
    [InlineData(AttributeGraph)]
    [InlineData(AttributeGraphs)]
    public void Inspect_SubgraphInitializerWithExternalData_Refused(int attributeField)
    {
        var subgraph = Message(attributeField, Message(GraphInitializer, ExternalTensor("inner")));
        var node = Message(GraphNode, String(NodeName, "branch"), String(NodeOpType, "If"),
            Message(NodeAttribute, String(AttributeName, "then_branch"), subgraph));

        var result = Inspect(WithGraphPart(node));

        Assert.Contains("tensor `inner` (an initializer of the subgraph in attribute `then_branch` of node `branch` (If)", result.Reason);
    }

    [Fact]
    public void Inspect_FunctionNodeWithExternalTensor_Refused()
    {
        var function = Message(ModelFunctions, String(FunctionName, "helper"), Message(FunctionNode, String(NodeOpType, "Constant"),
            Message(NodeAttribute, String(AttributeName, "value"), Message(AttributeTensor, ExternalTensor("f")))));

        var result = Inspect([.. Model, .. function]);

        Assert.Contains("tensor `f` (attribute `value` of node `?` (Constant) in function `helper`)", result.Reason);
    }

    [Fact]
    public void Inspect_SubgraphsNestedTooDeep_RefusedQuickly()
    {
        var graph = Message(GraphInitializer, String(TensorName, "deep"));
        for (var i = 0; i < 200; i++)
            graph = Message(GraphNode, Message(NodeAttribute, Message(AttributeGraph, graph)));
        var watch = Stopwatch.StartNew();

        var result = Inspect(WithGraphPart(graph));

        Assert.Contains("nested more than 64 deep", result.Reason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Inspect_LengthRunningPastItsMessage_RefusedAsMalformed()
    {
        // An initializer whose length claims more bytes than its graph holds.
        var edited = WithGraphPart([(GraphInitializer << 3) | 2, 0xFF, 0xFF, 0x03]);

        Assert.Contains("the ONNX file is malformed", Inspect(edited).Reason);
    }

    [Fact]
    public void Inspect_RestoresStreamPosition()
    {
        var stream = new MemoryStream(Model) { Position = 5 };

        ModelCodeInspection.Inspect(stream, ModelFileFormat.Onnx);

        Assert.Equal(5, stream.Position);
    }
}
