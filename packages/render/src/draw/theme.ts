/**
 * Colours of the two themes. Every colour the drawing uses is named here, so a theme is one
 * object; a derivative's new axes get a colour of their own (and a dash, so they stay apart in
 * print and for readers who do not tell the colours apart).
 */

export interface Theme {
  background: string;
  ink: string;
  tensorFill: string;
  tensorStroke: string;
  copy: string;
  boxStroke: string;
  boxFill: string;
  boxLabel: string;
  wire: string;
  newWire: string;
  index: string;
  newIndex: string;
  sign: string;
}

/** The two themes by name. @example themes.dark.background // "#0d1117" */
export const themes: Readonly<Record<"light" | "dark", Theme>> = {
  light: {
    background: "#ffffff",
    ink: "#1f2328",
    tensorFill: "#e8f0fc",
    tensorStroke: "#2f5597",
    copy: "#1f2328",
    boxStroke: "#8c6a1f",
    boxFill: "#fffbf0",
    boxLabel: "#7a5a12",
    wire: "#1f2328",
    newWire: "#c2410c",
    index: "#1f2328",
    newIndex: "#c2410c",
    sign: "#1f2328",
  },
  dark: {
    background: "#0d1117",
    ink: "#e6edf3",
    tensorFill: "#172a45",
    tensorStroke: "#79a6e8",
    copy: "#e6edf3",
    boxStroke: "#d4a72c",
    boxFill: "#1a1708",
    boxLabel: "#e3b341",
    wire: "#c9d1d9",
    newWire: "#fb923c",
    index: "#e6edf3",
    newIndex: "#fb923c",
    sign: "#e6edf3",
  },
};

export type ThemeName = keyof typeof themes;
