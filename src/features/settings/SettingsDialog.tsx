import type { SettingsPatch } from "../../bindings/SettingsPatch";
import type { Theme } from "../../bindings/Theme";
import { useReportError } from "../../app/notices";
import { Modal } from "../../ui/Modal";
import { Segmented } from "../../ui/Segmented";
import { useSettings, useUpdateSettings } from "./api";
import { DatabaseSection } from "./DatabaseSection";
import { DataSection, type ListShown } from "./DataSection";

const THEMES: { value: Theme; label: string }[] = [
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
  { value: "system", label: "System" },
];

/** Preferences, saved as soon as they change; the database; import and export (of `list` too). */
export function SettingsDialog({ list, onClose }: { list: ListShown | null; onClose: () => void }) {
  const { data: settings } = useSettings();
  const update = useUpdateSettings();
  const reportError = useReportError();
  const save = (patch: SettingsPatch) => update.mutate(patch, { onError: reportError });

  return (
    <Modal title="Settings" onClose={onClose} className="modal--narrow">
      <fieldset className="fieldset">
        <legend className="field__label">Theme</legend>
        <Segmented
          name="theme"
          options={THEMES}
          value={settings?.theme}
          disabled={!settings}
          onChange={(theme) => save({ theme })}
        />
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings?.notifications ?? false}
          disabled={!settings}
          onChange={(event) => save({ notifications: event.target.checked })}
        />
        <span>Notifications</span>
      </label>
      <DatabaseSection />
      <DataSection list={list} />
      <div className="modal__actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
