"""Công văn of Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ninh (2019), built with the Python API.

The same document as ``cong_van_ubnd.yaml``, written with the English field
names, in the State profile (Nghị định 30/2020/NĐ-CP): one addressee, so
``Kính gửi: ...`` stands on one line. The facts come from the news report
"Tỉnh đoàn Quảng Ninh hỗ trợ thanh niên yếu thế" (2019); the number, the date,
the deadline and the signer's name are illustrative. Run it from any directory;
it writes ``cong-van-ubnd.docx`` there:

    python3 cong_van_ubnd.py
"""

from datetime import date

from vanban import Bullet, CongVan, Issuer, Paragraph, Recipient, Signer, render

DOLISA = "Sở Lao động - Thương binh và Xã hội"


def build() -> CongVan:
    """The letter; with no archive given, Nơi nhận ends ``- Lưu: VT, BTXH.``."""
    return CongVan(
        profile="nha-nuoc",
        issuer=Issuer(
            parent=["UBND tỉnh Quảng Ninh"],
            name=["Sở Lao động -", "Thương binh và Xã hội"],  # each line fits the column
            code="SLĐTBXH",
        ),
        drafting_unit="BTXH",
        number=3512,
        place="Quảng Ninh",
        date=date(2019, 12, 2),
        title="cung cấp kết quả hỗ trợ thanh thiếu niên yếu thế năm 2019",
        addressees=["Ban Thường vụ Tỉnh đoàn Quảng Ninh"],
        content=[
            Paragraph(
                text="Thực hiện nhiệm vụ tổng hợp kết quả công tác bảo trợ xã hội năm 2019 báo "
                f"cáo Ủy ban nhân dân tỉnh, {DOLISA} ghi nhận trong năm 2019 Tỉnh đoàn đã triển "
                "khai Hướng dẫn số 23-HD/TĐTN-ĐKTHTN ngày 24/10/2019 về việc Đoàn thanh niên "
                "tham gia hỗ trợ, giúp đỡ thanh thiếu niên yếu thế, giai đoạn 2019 - 2022; phối "
                "hợp với Sở Tư pháp tổ chức Hội nghị tuyên truyền phổ biến giáo dục pháp luật "
                "ngày 08/11/2019 tại Cơ sở cai nghiện ma túy tỉnh cho 200 học viên; vận động "
                "nguồn lực hỗ trợ 10 nhà nhân ái cho gia đình thanh niên dân tộc huyện Ba Chẽ."
            ),
            Paragraph(
                text=f"Để có số liệu tổng hợp đầy đủ, {DOLISA} đề nghị Ban Thường vụ Tỉnh đoàn "
                "phối hợp cung cấp một số nội dung sau:"
            ),
            Bullet(
                text="Kết quả hỗ trợ, giúp đỡ thanh thiếu niên yếu thế tại 38 địa bàn dân cư "
                "trong năm 2019 (số đối tượng được hỗ trợ, hình thức hỗ trợ)."
            ),
            Bullet(
                text="Số thanh niên yếu thế được hỗ trợ vay vốn từ ngân hàng chính sách, nguồn vốn "
                "120 và các mô hình kinh tế của thanh niên được hỗ trợ."
            ),
            Bullet(
                text="Đề xuất nội dung phối hợp năm 2020 trong hỗ trợ thanh niên sau cai nghiện, "
                "thanh niên sau khi ra tù."
            ),
            Paragraph(
                text=f"Văn bản đề nghị gửi về {DOLISA} (qua Phòng Bảo trợ xã hội) trước ngày "
                "16/12/2019 để tổng hợp."
            ),
        ],
        closing=f"{DOLISA} rất mong nhận được sự phối hợp của Ban Thường vụ Tỉnh đoàn. Trân trọng",
        recipients=[
            Recipient(name="UBND tỉnh", purpose="b/c"),
            Recipient(name="Giám đốc Sở", purpose="b/c"),
            Recipient(name="Cơ sở cai nghiện ma túy tỉnh"),
        ],
        signer=Signer(
            authority="KT.",
            on_behalf_of="Giám đốc",
            position="Phó Giám đốc",
            name="Lê Văn Cường",  # illustrative
        ),
    )


if __name__ == "__main__":
    path = render(build(), "cong-van-ubnd.docx", overwrite=True)
    print(f"Đã tạo {path}")
