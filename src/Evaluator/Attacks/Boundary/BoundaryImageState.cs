namespace Contest.Evaluator.Attacks.Boundary;

/// <summary>
/// The bookkeeping foolbox keeps per attacked image, on the host: step sizes, the recent success
/// windows that adapt them, and the convergence check (converged once the source step drops below
/// 1e-7; then the steps are reset and convergence must hold for 100 more steps).
/// </summary>
internal sealed class BoundaryImageState(BoundaryOptions options)
{
    private const double Converged = 1e-7;
    private const double StillConverged = 2e-7;
    private const int NumericalProblemLimit = 1000;

    private readonly RecentOutcomes _spherical = new(BoundaryOptions.SphericalHistory);
    private readonly RecentOutcomes _step = new(BoundaryOptions.StepHistory);
    private int _confirmationSteps = BoundaryOptions.ConvergenceConfirmation;
    private int _numericalProblems;

    public double SphericalStep { get; private set; } = options.SphericalStep;

    public double SourceStep { get; private set; } = options.SourceStep;

    /// <summary>After the first convergence: spherical candidates are then checked every step.</summary>
    public bool Resetted { get; private set; }

    /// <summary>Whether the image needs no more steps (converged, or too many numerical problems).</summary>
    public bool Finished { get; private set; }

    /// <summary>foolbox's check at the top of each step.</summary>
    public void BeginStep()
    {
        var strict = _confirmationSteps == BoundaryOptions.ConvergenceConfirmation;
        if (SourceStep < (strict ? Converged : StillConverged))
        {
            if (Resetted)
            {
                _confirmationSteps--;
                Finished |= _confirmationSteps == 0;
            }
            else
            {
                Resetted = true;
                SphericalStep = options.SphericalStep;
                SourceStep = options.SourceStep;
            }
        }
        else if (_confirmationSteps < BoundaryOptions.ConvergenceConfirmation)
        {
            _confirmationSteps = BoundaryOptions.ConvergenceConfirmation;
            Resetted = false;
        }
    }

    public bool ChecksSpherical(int step) => step % BoundaryOptions.SphericalEvery == 0 || Resetted;

    public void RecordSpherical(bool adversarial) => _spherical.Add(adversarial);

    public void RecordStep(bool adversarial) => _step.Add(adversarial);

    /// <summary>An accepted candidate that was not closer: foolbox gives up after 1000.</summary>
    public void RecordNumericalProblem() => Finished |= ++_numericalProblems > NumericalProblemLimit;

    /// <summary>foolbox's <c>update_step_sizes</c>, once per step.</summary>
    public void AdaptSteps()
    {
        if (!_spherical.IsFull && !_step.IsFull)
            return;
        var (sphericalRate, stepRate) = (_spherical.SuccessRate, _step.SuccessRate);
        if (_spherical.IsFull && (sphericalRate > 0.5 || sphericalRate < 0.2))
        {
            var factor = sphericalRate > 0.5 ? options.StepAdaptation : 1 / options.StepAdaptation;
            SphericalStep *= factor;
            SourceStep *= factor;
            _spherical.Clear();
        }
        if (_step.IsFull && (stepRate > 0.5 || stepRate < 0.2))
        {
            SourceStep *= stepRate > 0.5 ? options.StepAdaptation : 1 / options.StepAdaptation;
            _step.Clear();
        }
    }
}
