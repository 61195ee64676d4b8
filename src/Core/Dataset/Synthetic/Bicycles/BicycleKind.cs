namespace Contest.Core.Dataset.Synthetic.Bicycles;

/// <summary>The bicycle types the generator draws; each changes geometry, wheels, bars and extras.</summary>
internal enum BicycleKind
{
    /// <summary>Thin tyres, drop handlebars, horizontal top tube.</summary>
    Road,

    /// <summary>Step-through frame, fenders, upright bars, often a basket, rack or chain guard.</summary>
    City,

    /// <summary>Knobby tyres, sloping top tube, suspension fork, flat bars, disc brakes.</summary>
    Mountain,

    /// <summary>Small wheels: a BMX with riser bars, or a folding bike with a long seat post and stem.</summary>
    SmallWheel,
}
