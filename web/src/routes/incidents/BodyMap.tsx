// The body map: front and back outlines with numbered pins, and the list of marks that is the
// real record. A mark is added from the lists (view, body part, type, size, note); tapping the
// picture only fills in the body part, and is never needed (WCAG 2.5.7).
import { type MouseEvent, useState } from "react";
import type { BodyMark, BodyView, IncidentForm } from "../../api/incidents";
import { Button } from "../../components/Button/Button";
import "./BodyMap.css";

type Point = [number, number];

// Where each body part is on the outlines (viewBox 0 0 100 200). On the front the child's
// left is on the viewer's right; on the back it is on the viewer's left.
const CENTRES: Record<BodyView, Record<string, Point>> = {
  front: {
    "Head (front)": [50, 8],
    Face: [50, 21],
    "Left eye": [55, 16],
    "Right eye": [45, 16],
    Nose: [50, 20],
    Mouth: [50, 25],
    "Left ear": [62, 18],
    "Right ear": [38, 18],
    "Neck (front)": [50, 33],
    "Left shoulder": [65, 41],
    "Right shoulder": [35, 41],
    Chest: [50, 52],
    Abdomen: [50, 78],
    "Left upper arm": [77, 55],
    "Right upper arm": [23, 55],
    "Left forearm": [78, 84],
    "Right forearm": [22, 84],
    "Left wrist": [79, 104],
    "Right wrist": [21, 104],
    "Left hand": [80, 116],
    "Right hand": [20, 116],
    Groin: [50, 100],
    "Left thigh": [58, 120],
    "Right thigh": [42, 120],
    "Left knee": [58, 143],
    "Right knee": [42, 143],
    "Left shin": [58, 163],
    "Right shin": [42, 163],
    "Left ankle": [58, 182],
    "Right ankle": [42, 182],
    "Left foot": [58, 193],
    "Right foot": [42, 193],
  },
  back: {
    "Head (back)": [50, 15],
    "Neck (back)": [50, 33],
    "Left shoulder blade": [40, 48],
    "Right shoulder blade": [60, 48],
    "Upper back": [50, 58],
    "Lower back": [50, 84],
    "Back of left upper arm": [23, 55],
    "Back of right upper arm": [77, 55],
    "Back of left forearm": [22, 86],
    "Back of right forearm": [78, 86],
    Buttocks: [50, 102],
    "Back of left thigh": [42, 122],
    "Back of right thigh": [58, 122],
    "Back of left knee": [42, 143],
    "Back of right knee": [58, 143],
    "Left calf": [42, 163],
    "Right calf": [58, 163],
    "Left heel": [42, 192],
    "Right heel": [58, 192],
  },
};

function nearestRegion(
  view: BodyView,
  x: number,
  y: number,
  allowed: string[],
): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const region of allowed) {
    const centre = CENTRES[view][region];
    if (!centre) continue;
    const distance = (centre[0] - x * 100) ** 2 + (centre[1] - y * 200) ** 2;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = region;
    }
  }
  return best;
}

function pinPoint(mark: BodyMark): Point | undefined {
  if (typeof mark.x === "number" && typeof mark.y === "number") return [mark.x * 100, mark.y * 200];
  return CENTRES[mark.view][mark.region];
}

/** A plain, neutral outline of a child. */
function Outline() {
  return (
    <g className="body-outline__shape">
      <circle cx="50" cy="17" r="12" />
      <path d="M45 29 L45 35 L55 35 L55 29" />
      <path d="M32 38 Q50 33 68 38 L74 44 L72 96 L28 96 L26 44 Z" />
      <path d="M26 44 L18 50 L16 110 L24 110 L28 58" />
      <path d="M74 44 L82 50 L84 110 L76 110 L72 58" />
      <circle cx="20" cy="117" r="6" />
      <circle cx="80" cy="117" r="6" />
      <path d="M30 96 L34 186 L47 186 L49 104 L51 104 L53 186 L66 186 L70 96" />
      <path d="M34 186 L32 197 L47 197 L47 186" />
      <path d="M53 186 L53 197 L68 197 L66 186" />
    </g>
  );
}

interface BodyPictureProps {
  view: BodyView;
  marks: BodyMark[];
  /** Tapping fills in the body part; leave out for a picture that only shows. */
  onTap?: (view: BodyView, x: number, y: number) => void;
}

export function BodyPicture({ view, marks, onTap }: BodyPictureProps) {
  const title = view === "front" ? "Front" : "Back";
  const picture = (
    <svg viewBox="0 0 100 200" className="body-outline" aria-hidden="true" focusable="false">
      <Outline />
      {marks.map((mark, index) => {
        if (mark.view !== view) return null;
        const point = pinPoint(mark);
        if (!point) return null;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: pins are numbered by position.
          <g key={index} className="body-outline__pin">
            <circle cx={point[0]} cy={point[1]} r="6" />
            <text x={point[0]} y={point[1] + 3} textAnchor="middle">
              {index + 1}
            </text>
          </g>
        );
      })}
    </svg>
  );

  function onClick(event: MouseEvent<HTMLButtonElement>) {
    if (!onTap) return;
    const box = event.currentTarget.getBoundingClientRect();
    if (event.detail === 0 || box.width === 0) {
      onTap(view, Number.NaN, Number.NaN);
      return;
    }
    const x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    const y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
    onTap(view, x, y);
  }

  return (
    <figure className="body-map__figure">
      {onTap ? (
        <button type="button" className="body-map__tap" onClick={onClick}>
          {picture}
          <span className="visually-hidden">
            {title}: tap the picture to choose the body part (you can also choose it from the list)
          </span>
        </button>
      ) : (
        picture
      )}
      <figcaption>{title}</figcaption>
    </figure>
  );
}

interface BodyMapProps {
  form: IncidentForm;
  marks: BodyMark[];
  onChange: (marks: BodyMark[]) => void;
  error?: string;
}

export function BodyMapField({ form, marks, onChange, error }: BodyMapProps) {
  const [view, setView] = useState<BodyView>("front");
  const [region, setRegion] = useState("");
  const [point, setPoint] = useState<{ x: number; y: number } | null>(null);
  const [type, setType] = useState("");
  const [size, setSize] = useState("");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState("");

  function onTap(tapView: BodyView, x: number, y: number) {
    setView(tapView);
    if (Number.isNaN(x)) {
      document.getElementById("mark-region")?.focus();
      return;
    }
    const found = nearestRegion(tapView, x, y, form.bodyRegions[tapView]);
    if (found) {
      setRegion(found);
      setPoint({ x: Math.round(x * 1000) / 1000, y: Math.round(y * 1000) / 1000 });
    }
  }

  function add() {
    if (!region || !type) {
      setProblem(!region ? "Choose the body part" : "Choose the type of mark");
      document.getElementById(!region ? "mark-region" : "mark-type")?.focus();
      return;
    }
    setProblem("");
    const mark: BodyMark = { view, region, type, size: size.trim(), note: note.trim() };
    if (point) {
      mark.x = point.x;
      mark.y = point.y;
    }
    onChange([...marks, mark]);
    setRegion("");
    setPoint(null);
    setType("");
    setSize("");
    setNote("");
  }

  return (
    <div className={error ? "form-group form-group--error" : "form-group"}>
      <fieldset className="fieldset" id="body-map" aria-describedby="body-map-hint">
        <legend className="fieldset__legend">Body map (optional)</legend>
        <p className="hint" id="body-map-hint">
          Only for marks or injuries you saw. Never ask a child to undress. Choose where the mark is
          from the list; you can also tap the picture to fill in the body part.
        </p>
        {error && (
          <p className="error-message">
            <span className="visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="body-map__pictures">
          <BodyPicture view="front" marks={marks} onTap={onTap} />
          <BodyPicture view="back" marks={marks} onTap={onTap} />
        </div>
        {marks.length > 0 && (
          <>
            <h3 className="body-map__marks-title">Marks added</h3>
            <ol className="body-map__marks">
              {marks.map((mark, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: marks are numbered by position.
                <li key={index} className="body-map__mark">
                  <span>
                    {mark.type}, {mark.region.toLowerCase()} ({mark.view})
                    {mark.size ? `, ${mark.size}` : ""}
                    {mark.note ? `: ${mark.note}` : ""}
                  </span>
                  <Button
                    variant="link"
                    onClick={() => onChange(marks.filter((_, other) => other !== index))}
                  >
                    Remove<span className="visually-hidden"> mark {index + 1}</span>
                  </Button>
                </li>
              ))}
            </ol>
          </>
        )}
        <div className="body-map__add">
          <h3 className="body-map__marks-title">Add a mark</h3>
          {problem && (
            <p className="error-message" role="alert">
              <span className="visually-hidden">Error:</span> {problem}
            </p>
          )}
          <fieldset className="fieldset">
            <legend className="label">Front or back</legend>
            <div className="radios radios--inline">
              {(["front", "back"] as const).map((option) => (
                <div className="radio" key={option}>
                  <input
                    className="radio__input"
                    type="radio"
                    id={`mark-view-${option}`}
                    name="mark-view"
                    checked={view === option}
                    onChange={() => {
                      setView(option);
                      setRegion("");
                      setPoint(null);
                    }}
                  />
                  <label className="radio__label" htmlFor={`mark-view-${option}`}>
                    {option === "front" ? "Front" : "Back"}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <div className="form-group">
            <label className="label" htmlFor="mark-region">
              Body part
            </label>
            <select
              id="mark-region"
              className="select"
              value={region}
              onChange={(event) => {
                setRegion(event.target.value);
                setPoint(null);
              }}
            >
              <option value="">Choose a body part</option>
              {form.bodyRegions[view].map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="mark-type">
              Type of mark
            </label>
            <select
              id="mark-type"
              className="select"
              value={type}
              onChange={(event) => setType(event.target.value)}
            >
              <option value="">Choose a type</option>
              {form.markTypes.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="mark-size">
              Approximate size
            </label>
            <p className="hint" id="mark-size-hint">
              For example, “about 2 cm across” or “the size of a 10p coin”
            </p>
            <input
              id="mark-size"
              className="input input--full"
              aria-describedby="mark-size-hint"
              value={size}
              onChange={(event) => setSize(event.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="mark-note">
              What you saw
            </label>
            <p className="hint" id="mark-note-hint">
              Colour, shape, anything the child said about it, in their words
            </p>
            <input
              id="mark-note"
              className="input input--full"
              aria-describedby="mark-note-hint"
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          <Button variant="secondary" onClick={add}>
            Add this mark
          </Button>
        </div>
      </fieldset>
    </div>
  );
}
