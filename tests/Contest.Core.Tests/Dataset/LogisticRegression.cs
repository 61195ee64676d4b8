namespace Contest.Core.Tests.Dataset;

/// <summary>Plain logistic regression on standardised features, fitted by full-batch gradient descent with a little L2.</summary>
internal sealed class LogisticRegression
{
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[] _weights;
    private double _bias;

    private LogisticRegression(double[] mean, double[] scale)
    {
        _mean = mean;
        _scale = scale;
        _weights = new double[mean.Length];
    }

    public static LogisticRegression Fit(double[][] features, int[] labels, int iterations = 3000, double learningRate = 0.5, double l2 = 1e-3)
    {
        var d = features[0].Length;
        var mean = Enumerable.Range(0, d).Select(j => features.Average(f => f[j])).ToArray();
        var scale = Enumerable.Range(0, d).Select(j => Math.Sqrt(features.Average(f => (f[j] - mean[j]) * (f[j] - mean[j]))) + 1e-12).ToArray();
        var model = new LogisticRegression(mean, scale);
        var standardised = features.Select(model.Standardise).ToArray();
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var gradient = new double[d];
            var biasGradient = 0.0;
            for (var i = 0; i < standardised.Length; i++)
            {
                var error = model.Probability(standardised[i]) - labels[i];
                for (var j = 0; j < d; j++)
                    gradient[j] += error * standardised[i][j];
                biasGradient += error;
            }
            for (var j = 0; j < d; j++)
                model._weights[j] -= learningRate * (gradient[j] / standardised.Length + l2 * model._weights[j]);
            model._bias -= learningRate * biasGradient / standardised.Length;
        }
        return model;
    }

    public double Accuracy(double[][] features, int[] labels) =>
        features.Zip(labels).Count(p => (Probability(Standardise(p.First)) > 0.5 ? 1 : 0) == p.Second) / (double)labels.Length;

    private double[] Standardise(double[] f) => f.Select((v, j) => (v - _mean[j]) / _scale[j]).ToArray();

    private double Probability(double[] z)
    {
        var logit = _bias;
        for (var j = 0; j < z.Length; j++)
            logit += _weights[j] * z[j];
        return 1 / (1 + Math.Exp(-logit));
    }
}
