using Contest.Core.Dataset;
using Contest.Core.Imaging;
using Contest.Tests.Shared;
using SkiaSharp;

namespace Contest.Core.Tests.Dataset;

public class ContactSheetTests
{
    [Fact]
    public void Render_SmallSplit_IsAPngGridWithEveryImage()
    {
        using var temp = new TempDirectory();
        DatasetGeneratorTests.Generate(temp.Path, seed: 5);

        var png = ContactSheet.Render(DatasetReader.Open(temp.Path), DatasetSplit.Train, columns: 4, thumbnailSize: 96);

        var sheet = ImageDecoder.Decode(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        // Six images in rows of four: two rows, each at least a thumbnail and a caption high.
        Assert.InRange(sheet.Width, 4 * 96, 4 * 200);
        Assert.InRange(sheet.Height, 2 * 96 + 40, 2 * 200 + 80);
    }

    [Theory]
    [InlineData(4, 2, 2)]
    [InlineData(5, 2, 3)]
    [InlineData(8, 2, 6)]
    public void Pick_Limit_TakesHalfFromEachClassWhileBothLast(int limit, int bicycles, int birds)
    {
        var entries = Enumerable.Range(0, 2).Select(i => Entry(ClassLabel.Bicycle, i))
            .Concat(Enumerable.Range(0, 10).Select(i => Entry(ClassLabel.Bird, i))).ToList();

        var picked = ContactSheet.Pick(entries, limit);

        Assert.Equal((bicycles, birds), (picked.Count(e => e.Label == ClassLabel.Bicycle), picked.Count(e => e.Label == ClassLabel.Bird)));
    }

    [Fact]
    public void PixelFont_DrawsEveryCharacterOfAnId()
    {
        using var bitmap = new SKBitmap(200, 20);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);

        PixelFont.Draw(canvas, "0123456789abcdef", 0, 0, 1, SKColors.Black);

        for (var i = 0; i < 16; i++)
        {
            var inked = Enumerable.Range(i * 6, 5).Any(x => Enumerable.Range(0, 7).Any(y => bitmap.GetPixel(x, y) == SKColors.Black));
            Assert.True(inked, $"glyph {i} is blank");
        }
    }

    private static DatasetEntry Entry(ClassLabel label, int i) =>
        new($"{i:x16}", label, DatasetSplit.Test, $"test/{label.Name()}/{i:x16}.jpg", 1, "");
}
