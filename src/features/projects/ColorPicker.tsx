import { useId } from "react";
import { FieldError } from "../../ui/Field";
import { PROJECT_COLORS } from "./colors";

type ColorPickerProps = {
  value: string | null;
  onChange: (color: string | null) => void;
  error?: string | undefined;
};

/** "Colour": a radio group of swatches, plus "No colour" and any custom colour already set. */
export function ColorPicker({ value, onChange, error }: ColorPickerProps) {
  const name = useId();
  const legendId = useId();
  const errorId = useId();
  const custom = value !== null && !PROJECT_COLORS.some((color) => color.value === value);
  const options = [
    { name: "No colour", value: null },
    ...PROJECT_COLORS,
    ...(custom ? [{ name: `Custom colour ${value}`, value }] : []),
  ];
  return (
    <fieldset
      className="field fieldset"
      aria-labelledby={legendId}
      aria-describedby={error ? errorId : undefined}
    >
      <legend id={legendId} className="field__label">
        Colour
      </legend>
      <div className="swatches">
        {options.map((option) => (
          <label key={option.name} className="swatch" title={option.name}>
            <input
              type="radio"
              name={name}
              className="visually-hidden"
              aria-label={option.name}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span
              className={option.value ? "swatch__color" : "swatch__color swatch__color--none"}
              style={option.value ? { backgroundColor: option.value } : undefined}
              aria-hidden="true"
            />
          </label>
        ))}
      </div>
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}
