"""Kế hoạch 114-KH/ĐTN (Trà Vinh, 2021) built with the Python API.

The same document as ``ke_hoach_114.yaml``, written with the English field
names. Run it from any directory; it writes ``ke-hoach-114.docx`` there:

    python3 ke_hoach_114.py
"""

from datetime import date

from vanban import (
    Assignment,
    Bullet,
    Issuer,
    KeHoach,
    Paragraph,
    Recipient,
    Section,
    Signer,
    render,
)


def bullets(*texts: str) -> list[Bullet]:
    """One "- " item per text."""
    return [Bullet(text=text) for text in texts]


def build() -> KeHoach:
    """The plan, with the words of the original (including its typos)."""
    return KeHoach(
        issuer=Issuer(
            parent=["Tỉnh đoàn Trà Vinh"],
            name=["BCH Đoàn Khối các cơ quan", "và Doanh nghiệp"],
            code="ĐTN",
        ),
        number=114,
        place="Trà Vinh",
        date=date(2021, 3, 5),
        title="Tổ chức thực hiện mô hình hỗ trợ thanh, thiếu niên yếu thế năm 2021",
        opening=[
            "Căn cứ Chương trình công tác Đoàn và phong trào thanh thiếu nhi năm 2021 "
            "của Ban Chấp hành Đoàn Khối các cơ quan và Doanh nghiệp;",
            "Để kịp thời tổ chức các hoạt động, chăm lo, hỗ trợ đoàn viên, thanh niên và "
            "người dân yếu thế trong năm 2021 trên địa bàn tỉnh Trà Vinh. Ban Thường vụ "
            "Đoàn Khối các cơ quan và Doanh nghiệp xây dựng kế hoạch, đề ra các giải pháp "
            "hỗ trợ thanh, thiếu nhi và người dân yếu thế năm 2021 với nội dung cụ thể như sau:",
        ],
        purposes_and_requirements=[
            "Nhằm thắt chặt niềm tin, tạo điều kiện về vật chất, tinh thần kịp thời hỗ trợ, "
            "giúp đỡ cho thanh thiếu nhi và người dân yếu thế được hòa nhập với cộng đồng.",
            "Tổ chức các giải pháp, tạo dựng các mô hình để giúp đỡ, hỗ trợ thanh, thiếu nhi "
            "và người dân yếu thế, là hoạt động nhằm phát huy tinh thần xung kích, tình nguyện "
            "của tuổi trẻ Đoàn Khối các cơ quan và Doanh nghiệp trong tham gia thực hiện các "
            "hoạt động vì cộng đồng, vì an sinh xã hội.",
            "Các giải pháp, mô hình phải được tổ chức đảm bảo thiết thực, an toàn, hiệu quả, "
            "tạo được sự quan tâm, ủng hộ của cán bộ Đoàn và đoàn viên, thanh niên và các lực "
            "lượng của toàn xã hội.",
        ],
        content=[
            Section(
                title="Nội dung, giải pháp",
                children=[
                    Section(
                        title="Tổ chức chương trình “*Đồng hành cùng thanh, thiếu nhi yếu thế*”",
                        children=[
                            Section(
                                title="Các mô hình hỗ trợ về rèn luyện sức khỏe, "
                                "nâng cao thể lực, chữa bệnh",
                                children=bullets(
                                    "Mô hình nâng cao sức khỏe, đảm bảo chất lượng cuộc sống, "
                                    "khám chữa bệnh cho thanh thiếu nhi yếu thế.",
                                    "Cấp thẻ bảo hiểm y tế cho thanh thiếu niên yếu thế.",
                                    "Mô hình hỗ trợ điều trị, trị liệu cho thanh thiếu niên "
                                    "khuyết tật.",
                                ),
                            ),
                            Section(
                                title="Các mô hình hỗ trợ giao lưu, chia sẻ, "
                                "nâng cao đời sống tinh thần",
                                children=bullets(
                                    "Xây dựng các diễn đàn, các sân chơi định kỳ dành cho "
                                    "những thanh, thiếu niên yếu thế. Có cùng hoàn cảnh để họ "
                                    "có môi trường phù hợp sinh hoạt.",
                                    "Tổ chức các hoạt động vui chơi, giải trí, thăm hỏi, tặng "
                                    "quà nhân dịp các ngày lễ lớn, Ngày Quốc tế thiếu nhi, "
                                    "Trung thu hằng năm.",
                                ),
                            ),
                        ],
                    ),
                    Section(
                        title="Giải pháp thực hiện các mô hình",
                        children=bullets(
                            "Đề thấp sáng niềm tin cho thanh niên yếu thế, Đoàn Khối các cơ "
                            "quan và Doanh nghiệp tỉnh, phối hợp với lãnh đạo các sở, ngành, "
                            "Ban Thường vụ các Huyện, Thị, Thành đoàn tích cực tổ chức hoạt "
                            "động, mô hình để thu hút các đối tượng tham gia, hỗ trợ, giúp đỡ, "
                            "tạo việc làm cho thanh, thiếu niên yếu thế ổn định cuộc sống, từ "
                            "đó tìm các giải pháp thích hợp để hỗ trợ cho từng đối tượng cụ thể.",
                            "Phối hợp sàng lọc, lựa chọn đối tượng thanh, thiếu niên yếu thế "
                            "trên địa bàn huyện, thị, thành phố để tìm giải pháp hỗ trợ phù hợp.",
                            "Vận động các nhà mạnh thường quân, các cơ quan, đơn vị, các cá "
                            "nhân, tổ chức, các doanh nghiệp trên địa bàn nhằm kịp thời hỗ trợ "
                            "cho từng đối tượng thanh, thiếu nhi yếu thế như cấp thuốc trị liệu "
                            "miễn phí cho bệnh nhân hiếm nghèo; khám bệnh định kỳ cho người "
                            "khuyết tật; hỗ trợ phương tiện làm ăn cho thanh, thiếu niên yếu "
                            "thế; cấp thẻ bảo hiểm y tế miễn phí cho học sinh khuyết tật,...",
                            "Xây dựng các câu lạc bộ thanh, thiếu niên khuyết tật, nhằm kịp "
                            "thời tham vấn đồng cảnh, sống độc lập để chia sẻ, động viên nhau "
                            "cùng cố gắng, phấn đấu vươn lên trong cuộc sống. Xây dựng các "
                            "diễn đàn, các sân chơi định kỳ dành cho những thanh, thiếu niên "
                            "yếu thế, có cùng hoàn cảnh để họ có môi trường phù hợp sinh hoạt.",
                            "Tổ chức tập huấn cho cán bộ hỗ trợ, phụ trách đối với thanh, thiếu "
                            "niên khuyết tật tại trung tâm Bảo trợ, các đơn vị trường học "
                            "trong khối.",
                        ),
                    ),
                    Section(
                        title="Hình thức",
                        children=bullets(
                            "Tổ chức tiên trạm đến các đơn vị liên quan tiến hành ra soát, "
                            "khảo sát các đối tượng thanh, thiếu nhi yếu thế trên địa bàn tỉnh.",
                            "Vận động nguồn lực từ các cơ quan, đơn vị, các tổ chức, cá nhân, "
                            "doanh nghiệp và mạnh thường quân thực hiện chương trình.",
                            "Tập trung chủ yếu tại Trung tâm Bảo trợ xã hội tỉnh thuộc Sở Lao "
                            "động, Thương Binh & Xã hội tỉnh và một số địa phương khác trên "
                            "địa bàn tỉnh Trà Vinh.",
                        ),
                    ),
                ],
            ),
        ],
        assignments=[
            Assignment(
                unit="Đoàn Khối các cơ quan và doanh nghiệp tỉnh",
                tasks=[
                    *bullets(
                        "Xây dựng và ban hành kế hoạch tổ chức thực hiện các mô hình gửi đến "
                        "các đơn vị liên quan và các cơ sở Đoàn trực thuộc.",
                        "Vận động nguồn lực như: thuốc đặc trị, xe đạp, quà tặng, nhu yếu "
                        "phẩm cần thiết... hỗ trợ thanh, thiếu niên yếu thế.",
                        "Phối hợp với lãnh đạo Bệnh viện Đa khoa tỉnh, Sở Lao động Thương binh "
                        "và Xã hội tỉnh, Bảo hiểm xã hội tỉnh, tiến hành khảo sát, lựa chọn "
                        "đối tượng thanh, thiếu niên yếu thế để thực hiện mô hình;",
                    ),
                    Bullet(
                        text="Cụ thể trong năm 2021, Đoàn Khối các cơ quan thực hiện **02** "
                        "mô hình giúp đỡ thanh niên yếu thế gồm:",
                        children=[
                            "Phối hợp với Sở Lao động, Thương binh và xã hội tỉnh tổ chức hoạt "
                            "động thăm, tặng quà cho các em thiếu nhi tại Trung tâm Bảo trợ xã "
                            "hội tỉnh nhân dịp Quốc tế thiếu nhi 01/6.",
                            "Tiếp tục phối hợp với Đảng ủy, Ban Giám đốc Sở Lao động Thương binh "
                            "và Xã hội tiến hành khám bệnh, phát thuốc miễn phí tập trung cho "
                            "100 người khuyết tật, người già neo đơn, trẻ em mồ côi và các đối "
                            "tượng khuyết tật tại Trung tâm Bảo trợ xã hội tỉnh "
                            "(*thực hiện khám định kỳ hàng tháng trong năm 2021*).",
                        ],
                    ),
                ],
            ),
            Assignment(
                unit="Các cơ sở Đoàn trực thuộc",
                tasks=[
                    Paragraph(
                        text="Ban Thường vụ Đoàn Khối các cơ quan chỉ đạo các đơn vị sau làm "
                        "điểm chỉ đạo thực hiện mô hình:"
                    ),
                    *bullets(
                        "Giao Đoàn cơ sở Bệnh viện Đa khoa, tham mưu với Đảng ủy, Ban Giám đốc "
                        "cử đoàn Y, Bác sĩ hỗ trợ khám bệnh định kỳ hàng tháng cho 100 người "
                        "già neo đơn không nơi nương tựa, trẻ em mồ côi, người khuyết tật tại "
                        "Trung tâm Bảo trợ Xã hội tỉnh.",
                        "Giao chi đoàn Bảo hiểm Xã hội tỉnh tham mưu với Đảng ủy, Ban Giám đốc "
                        "phối hợp với cán bộ thuộc Trung tâm Bảo trợ Xã hội cấp bảo hiểm cho "
                        "các đối tượng theo quy định của Bảo hiểm; vận động đoàn viên, thanh "
                        "niên tại chi đoàn thực hiện mô hình hỗ trợ bảo hiểm y tế miễn phí cho "
                        "ít nhất 02 học sinh khuyết tật trên địa bàn tỉnh.",
                        "Giao Chi đoàn Sở Lao động Thương binh và Xã hội tỉnh tham mưu với Đảng "
                        "ủy, Ban Giám đốc xây dựng kế hoạch, tiến hành thành lập câu lạc bộ "
                        "người khuyết tật nhằm tạo điều kiện để các bạn thanh, thiếu niên "
                        "khuyết tật có mô hình sinh hoạt, tạo sự đoàn kết, giúp nhau trong "
                        "cuộc sống; hàng tháng phối hợp Đoàn Y, Bác sĩ thuộc Đoàn cơ sở Bệnh "
                        "viện Đa khoa tổ chức các hoạt động vui chơi cho trẻ mồ côi, thanh, "
                        "thiếu niên khuyết tật, nhằm tạo sân chơi bổ ích, nâng cao chất lượng "
                        "cuộc sống cho các đối tượng thuộc đơn vị mình quản lý.",
                        "Đối với các cơ sở Đoàn còn lại trong khối căn cứ bộ tiêu chí thi đua "
                        "và tình hình thực tế, cần nghiên cứu để có các hình thức cụ thể, thiết "
                        "thực nhằm kịp thời có mô hình hỗ trợ, giúp đỡ thanh, thiếu niên yếu "
                        "thế hòa nhập vào cộng đồng.",
                    ),
                ],
            ),
        ],
        reporting=[
            "Kết thúc hoạt động các đơn vị được chỉ đạo báo cáo chuyên đề kết quả thực hiện "
            "gửi kèm theo báo cáo tháng; các cơ sở đoàn còn lại báo cáo lồng ghép vào báo cáo "
            "hàng tháng kết quả hỗ trợ thanh, thiếu niên yếu thế (*nếu có*).",
        ],
        closing="Trên đây là Kế hoạch tổ chức thực hiện mô hình hỗ trợ thanh, thiếu niên yếu "
        "thế năm 2021. Ban Thường vụ Đoàn Khối các cơ quan và Doanh nghiệp đề nghị các cơ sở "
        "Đoàn trực thuộc nghiêm túc, triển khai thực hiện",
        recipients=[
            Recipient(name="Nguyễn Văn Tám, TVU, Bí thư Đảng ủy", purpose="để b/c"),
            Recipient(name="Đ/c Võ Minh Nhật, PBT Tỉnh đoàn", purpose="để b/c"),
            Recipient(name="TT Tỉnh đoàn", purpose="để b/c"),
            Recipient(name="TT Đảng ủy KCCQ-DN", purpose="để b/c"),
            Recipient(name="Ban Tuyên giáo Tỉnh đoàn", purpose="để b/c"),
            Recipient(name="Ban Phong trào Tỉnh đoàn", purpose="để b/c"),
            Recipient(name="Ủy viên BTV Đoàn KCCQ-DN", purpose="để th/h"),
            Recipient(name="Các cơ sở Đoàn trực thuộc", purpose="để th/h"),
        ],
        archive="VP",
        signer=Signer(
            authority="TM.",
            on_behalf_of="Ban Thường vụ",
            position="Bí thư",
            name="Nguyễn Trọng Nhân",
        ),
    )


if __name__ == "__main__":
    path = render(build(), "ke-hoach-114.docx", overwrite=True)
    print(f"Đã tạo {path}")
