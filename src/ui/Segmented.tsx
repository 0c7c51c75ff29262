type SegmentedProps<T extends string> = {
  /** The radio group's name (unique in the page). */
  name: string;
  /** The accessible name of the group, when no legend around it gives one. */
  label?: string;
  options: readonly { value: T; label: string }[];
  value: T | undefined;
  onChange: (value: T) => void;
  disabled?: boolean;
};

/** A segmented control: radio buttons drawn as one row of buttons (arrow keys move the choice). */
export function Segmented<T extends string>({ name, label, options, value, onChange, disabled }: SegmentedProps<T>) {
  return (
    <div className="segmented" role={label === undefined ? undefined : "radiogroup"} aria-label={label}>
      {options.map((option) => (
        <label key={option.value} className="segmented__option">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            disabled={disabled}
            onChange={() => onChange(option.value)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}
