using Contest.Server.Storage.Records;

namespace Contest.Server.Storage;

/// <summary>Read-modify-write of one defense record; call inside <see cref="ContestDatabase.Write{T}"/>.</summary>
internal static class DefenseUpdates
{
    /// <summary>Applies <paramref name="change"/> to the defense and stores it; does nothing if it is gone.</summary>
    public static void UpdateDefense(this ContestDatabase db, string defenseId, Action<DefenseRecord> change)
    {
        var defense = db.Defenses.FindById(defenseId);
        if (defense is null)
            return;
        change(defense);
        db.Defenses.Update(defense);
    }
}
