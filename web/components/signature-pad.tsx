import { Button } from "antd";
import { forwardRef, useImperativeHandle, useRef } from "react";
import { useTranslation } from "react-i18next";

export type SignaturePadHandle = { isEmpty(): boolean; toDataURL(): string; clear(): void };

/**
 * A signature drawn with a finger, pen or mouse (C072), on a white canvas so the PNG prints as
 * signed on paper. Pointer events cover touch and mouse alike.
 */
export const SignaturePad = forwardRef<SignaturePadHandle>(function SignaturePad(_, ref) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef(false);
  const last = useRef<{ x: number; y: number } | null>(null);
  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const scale = e.currentTarget.width / box.width;
    return { x: (e.clientX - box.left) * scale, y: (e.clientY - box.top) * scale };
  };
  const clear = () => {
    const c = canvas.current!;
    const g = c.getContext("2d")!;
    g.fillStyle = "#fff";
    g.fillRect(0, 0, c.width, c.height);
    drawn.current = false;
  };
  useImperativeHandle(ref, () => ({
    isEmpty: () => !drawn.current,
    toDataURL: () => canvas.current!.toDataURL("image/png"),
    clear,
  }));
  return (
    <div>
      <canvas
        ref={(node) => {
          canvas.current = node;
          if (node && !node.dataset.ready) {
            node.dataset.ready = "1";
            clear();
          }
        }}
        data-testid="signature-pad"
        width={600}
        height={240}
        style={{
          width: "100%",
          border: "1px dashed #999",
          borderRadius: 6,
          touchAction: "none",
          background: "#fff",
        }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = point(e);
        }}
        onPointerMove={(e) => {
          if (!last.current) return;
          const g = e.currentTarget.getContext("2d")!;
          const next = point(e);
          g.strokeStyle = "#000";
          g.lineWidth = 3;
          g.lineCap = "round";
          g.beginPath();
          g.moveTo(last.current.x, last.current.y);
          g.lineTo(next.x, next.y);
          g.stroke();
          last.current = next;
          drawn.current = true;
        }}
        onPointerUp={() => {
          last.current = null;
        }}
      />
      <Button size="small" onClick={clear} style={{ marginTop: 4 }}>
        {t("workOrder.clearSignature")}
      </Button>
    </div>
  );
});
