using Contest.Contracts.V1;
using Contest.Core;

namespace Contest.Contracts.Tests;

public sealed class LabelsTests
{
    [Theory]
    [InlineData(Label.Bicycle, ClassLabel.Bicycle)]
    [InlineData(Label.Bird, ClassLabel.Bird)]
    public void ToClassLabel_EachLabel_IsItsClass(Label label, ClassLabel expected) =>
        Assert.Equal(expected, label.ToClassLabel());

    [Theory]
    [InlineData(ClassLabel.Bicycle, Label.Bicycle)]
    [InlineData(ClassLabel.Bird, Label.Bird)]
    public void ToLabel_EachClass_IsItsLabel(ClassLabel label, Label expected) =>
        Assert.Equal(expected, label.ToLabel());

    [Theory]
    [InlineData(Label.Unspecified)]
    [InlineData((Label)99)]
    public void ToClassLabel_NotBirdOrBicycle_Throws(Label label) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => label.ToClassLabel());

    // The proto fixes the logit order as [bicycle, bird].
    [Theory]
    [InlineData(Label.Bicycle, 0)]
    [InlineData(Label.Bird, 1)]
    public void ColumnOf_EachLabel_IsItsLogitColumn(Label label, int expected) =>
        Assert.Equal(expected, label.ColumnOf());
}
