/** The colours offered for projects, stored as lowercase `#rrggbb`. */
export const PROJECT_COLORS: { name: string; value: string }[] = [
  { name: "Blue", value: "#3b82f6" },
  { name: "Green", value: "#22a06b" },
  { name: "Amber", value: "#d97706" },
  { name: "Red", value: "#e5484d" },
  { name: "Purple", value: "#8e4ec6" },
  { name: "Pink", value: "#d6409f" },
  { name: "Teal", value: "#12a594" },
  { name: "Grey", value: "#8b8d98" },
];
